// `npm test`: makes sure what the tests need is on the machine (Debian's Chromium for the end-to-end tests,
// `redis-server` for the multi-instance tests), builds the client, then runs every vitest project: the
// end-to-end files beside the unit and integration files (testLanes.mjs), or the files and options given.
// As root it installs what is missing with apt; otherwise it stops at once with the one command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLanes } from './testLanes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the tests need, each with the executable that shows it is installed. */
const prerequisites = [
  { pkg: 'chromium', found: () => onPath('chromium') || existsSync('/usr/lib/chromium/chromium') },
  { pkg: 'redis-server', found: () => onPath('redis-server') },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = prerequisites.filter((p) => !p.found()).map((p) => p.pkg);
if (missing.length > 0) {
  const packages = [...missing, 'fonts-dejavu-core'];
  if (process.getuid?.() === 0) {
    console.error(`--- installing ${missing.join(', ')} with apt for the tests`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } else {
    console.error(`The tests need ${missing.join(' and ')}. Install with:`);
    console.error(`  sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build']);
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
// The whole suite runs in two lanes at once (see testLanes.mjs); a chosen subset, as one vitest run.
if (process.argv.length > 2) run(process.execPath, [vitest, 'run', ...process.argv.slice(2)]);
else process.exit(await runLanes(root, vitest));
