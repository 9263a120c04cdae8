// A password strength thread that dies on its first request, as a thread running out of memory would.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => process.exit(7));
