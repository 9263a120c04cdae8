import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const children = new Set<ChildProcess>();
const folders = new Set<string>();

/** Tracks a child process so that it is ended when the bench ends, however it ends. */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A new temporary folder, removed when the bench ends. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

/** Ends every tracked child still running (by its own pid) and removes the temporary folders. */
export function cleanUpNow(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

/** Cleans up on normal exit, on Ctrl-C / SIGTERM, and when `limitMs` passes (a hung run still stops). */
export function cleanUpOnExit(limitMs: number): void {
  process.once('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark and its processes.`);
      cleanUpNow();
      process.exit(130);
    });
  }
  setTimeout(() => {
    console.error(`The benchmark exceeded its ${Math.round(limitMs / 1000)} s limit; stopping.`);
    cleanUpNow();
    process.exit(1);
  }, limitMs).unref();
}
