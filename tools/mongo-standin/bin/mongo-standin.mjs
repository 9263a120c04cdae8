#!/usr/bin/env node
// `npm run standin -- --port P --dir D`: runs the MongoDB stand-in in this process (TypeScript loaded
// through tsx) and prints its mongodb:// URI on the first line of stdout. `--help` lists the options.
import { register } from 'tsx/esm/api';

register();
await import('../src/process/cli.ts');
