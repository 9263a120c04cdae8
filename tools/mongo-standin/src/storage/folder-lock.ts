import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE_NAME = 'standin.lock';
/** How long to wait for a previous stand-in on the same folder to finish exiting (e.g. its parent was killed). */
const WAIT_FOR_PREVIOUS_MS = 10_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Claims a data folder for this process (`standin.lock` holding its pid), like mongod's `mongod.lock`:
 * two stand-ins must never append to the same journal. A lock left by a dead process is taken over; a live
 * owner is waited for a few seconds (a restart right after a kill), then refused.
 */
export async function lockDataFolder(directory: string): Promise<() => Promise<void>> {
  const path = join(directory, LOCK_FILE_NAME);
  const deadline = Date.now() + WAIT_FOR_PREVIOUS_MS;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await ownerOf(path);
    if (owner === undefined || owner === process.pid || !isRunning(owner)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`the data folder ${directory} is in use by another stand-in (pid ${owner})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
