import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { precompressedFiles } from './precompressed.ts';

/**
 * Serves the built client: hashed assets cached for a year, index.html for every other GET that is not
 * under /api, /socket.io or /collab (the client router handles those paths). Assets go out as the Brotli or
 * gzip copy the build wrote beside them.
 */
export function clientApp(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use('/assets', precompressedFiles(path.join(clientDir, 'assets'), { immutable: true }));
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
  router.use(express.static(clientDir, { index: false }));
  router.get(/^\/(?!api\/|api$|socket\.io\/|collab\/).*/, (_request, response) => {
    if (!existsSync(indexFile)) {
      response
        .status(503)
        .type('text/plain')
        .send('The client is not built yet. Run `npm run build` (npm start does it for you).');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return router;
}
