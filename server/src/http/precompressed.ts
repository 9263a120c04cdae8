import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

/** Encodings written beside each built file (`app.js.br`, `app.js.gz`), best first. */
const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function accepts(header: string | undefined, encoding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...parameters] = part.trim().split(';');
    const refused = parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
    return name?.trim().toLowerCase() === encoding && !refused;
  });
}

/**
 * Serves the Brotli or gzip copy the client build wrote beside a static file when the browser accepts it,
 * so a phone on slow data downloads compressed files without the server compressing them on every request.
 * Falls through to `express.static` when there is no copy (or the browser accepts neither encoding).
 */
export function precompressedFiles(root: string, options: { immutable: boolean }): RequestHandler {
  const resolvedRoot = path.resolve(root);
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = decodeURIComponent(request.path);
    } catch {
      return next();
    }
    const file = path.resolve(resolvedRoot, `.${relative}`);
    if (!file.startsWith(resolvedRoot + path.sep)) return next();
    const chosen = encodings.find(
      (encoding) =>
        accepts(request.headers['accept-encoding'], encoding.name) && isFile(file + encoding.suffix),
    );
    response.vary('Accept-Encoding');
    if (!chosen) return next();
    // `send` keeps a Content-Type already set, so the type is the original file's, not the archive's.
    response.type(path.extname(file));
    response.setHeader('Content-Encoding', chosen.name);
    response.sendFile(file + chosen.suffix, {
      immutable: options.immutable,
      maxAge: options.immutable ? '1y' : 0,
    });
  };
}

function isFile(candidate: string): boolean {
  return existsSync(candidate) && statSync(candidate).isFile();
}
