// `npm start`: builds the client when its build is missing or older than its sources, then runs the server
// in this same process (TypeScript loaded through tsx), serving API and client on one port.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtIndex = path.join(root, 'client/dist/index.html');
const clientSources = [
  'client/src',
  'client/index.html',
  'client/vite.config.ts',
  'client/public',
  'shared/src',
];

function newestModification(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((entry) => newestModification(path.join(target, entry))));
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
// A production image ships the built client without its sources: never rebuild there.
const production = process.env.NODE_ENV === 'production';
// API-only test servers skip the build (several may start at once; building is the e2e step's job).
const skipBuild = production || process.env.CONCERTO_SKIP_CLIENT_BUILD === '1';
const changedAt = skipBuild
  ? 0
  : Math.max(...clientSources.map((source) => newestModification(path.join(root, source))));
if (production && !builtAt) {
  console.error(
    'The client is not built (client/dist is missing). Run `npm run build` before starting in production.',
  );
  process.exit(1);
}
if (builtAt < changedAt) {
  console.log('Building the client (first start or sources changed)...');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: path.join(root, 'client'),
    stdio: 'inherit',
  });
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
