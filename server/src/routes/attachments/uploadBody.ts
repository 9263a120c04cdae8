import express, { type RequestHandler } from 'express';
import { HttpError } from '../../http/errors.ts';

/** 413 naming the limit, in the same words whether the sender announced the size or not. */
export function tooLarge(maxBytes: number): HttpError {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new HttpError(413, 'document_too_large', `The file is larger than the ${megabytes} MB allowed.`, {
    maxBytes,
  });
}

/**
 * Reads a document's bytes as the request body, up to `maxBytes`: a caller without a session is left to
 * the route (401, body unread), a size announced above the limit is refused before reading anything.
 */
export function uploadBody(maxBytes: number): RequestHandler {
  const raw = express.raw({ type: () => true, limit: maxBytes });
  return (request, response, next) => {
    if (!request.auth) return next();
    const announced = Number(request.headers['content-length'] ?? 0);
    if (announced > maxBytes) return next(tooLarge(maxBytes));
    raw(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large')
        return next(tooLarge(maxBytes));
      next(error);
    });
  };
}
