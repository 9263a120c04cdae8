import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './config.ts';

/** The running Concerto version, from the root package.json. */
export const version: string = (
  JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }
).version;
