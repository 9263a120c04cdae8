// The peer a team would pick instead of writing its own server: Hocuspocus 4 (`@hocuspocus/server`), as
// its documentation starts it, with no extension (no authentication, no database) on one instance and its
// Redis extension (`@hocuspocus/extension-redis`) between instances (`REDIS_URL`, `--instances`).
// Started by the bench as its own process, like the relay.
import { Server } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';

const redisUrl = process.env.REDIS_URL ? new URL(process.env.REDIS_URL) : null;
const extensions = redisUrl ? [new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port) })] : [];
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions,
  // As the relay and Concerto: no compression of frames.
  websocketOptions: { perMessageDeflate: false },
});

// Over Redis, an instance that finds another one storing the same document says so on the console, once
// per skipped store: counted here and reported in the bench's table instead of flooding its output.
const skippedStore = 'Another instance is already storing this document';
let storesSkipped = 0;
const printError = console.error.bind(console);
console.error = (...parts: unknown[]) => {
  if (parts.some((part) => String(part).includes(skippedStore))) storesSkipped += 1;
  else printError(...parts);
};
process.on('message', (request: unknown) => {
  if (request === 'stores-skipped') process.send?.({ storesSkipped });
});

await server.listen();
process.send?.({ port: server.address.port });
process.once('SIGTERM', () => process.exit(0));
