import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { ApiErrorBody } from '@concerto/shared';
import { isDatabaseUnavailable } from '../db/availability.ts';

/** Seconds a client is told to wait (`Retry-After`) when the database is unavailable. */
export const databaseRetryAfterSeconds = 5;

/** An error a client can meet: carries the HTTP status and a stable machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 that never reveals whether the resource exists (used for everything the caller may not read). */
export const notFound = (what = 'resource'): HttpError => new HttpError(404, 'not_found', `No such ${what}.`);

/** 400 for one field that is wrong, in the same shape as a zod validation error. */
export const invalidField = (path: string, message: string): HttpError =>
  new HttpError(400, 'invalid_request', `${path}: ${message}`, [{ path, message }]);

/** 403 for resources the caller may read but not change. */
export const forbidden = (message = 'You may not change this.'): HttpError =>
  new HttpError(403, 'forbidden', message);

/** 403 for a change to a file that was closed (or that the family left): it is kept read-only until purged. */
export const fileClosed = (): HttpError =>
  new HttpError(403, 'file_closed', 'This file is closed: it can be read until it is purged, not changed.');

/** Answers every unknown /api route with the uniform 404 body. */
export const unknownApiRoute: RequestHandler = (request, _response, next) => {
  next(new HttpError(404, 'route_not_found', `No API route ${request.method} ${request.originalUrl}.`));
};

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const summary = details.map((detail) => `${detail.path || '(body)'}: ${detail.message}`).join('; ');
    return new HttpError(400, 'invalid_request', `Invalid request: ${summary}`, details);
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpError(
      503,
      'database_unavailable',
      'The database is unavailable for a moment. Try again in a few seconds.',
    );
  }
  if ((error as Error)?.name === 'VersionError') {
    return new HttpError(
      409,
      'conflict',
      'Someone changed this file at the same time. Reload and try again.',
    );
  }
  // Errors raised by express.json() carry a `type` and a `status`.
  const bodyError = error as { type?: string; status?: number; limit?: number };
  if (bodyError.type === 'entity.parse.failed') {
    return new HttpError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
  if (bodyError.type === 'entity.too.large') {
    return new HttpError(413, 'payload_too_large', `The request body exceeds ${bodyError.limit} bytes.`);
  }
  if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return new HttpError(bodyError.status, 'bad_request', (error as Error).message);
  }
  return new HttpError(500, 'internal_error', 'An unexpected error occurred. It has been logged.');
}

/** Turns any thrown error into the uniform body `{ error: { code, message, details? } }`. */
export const errorHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const httpError = toHttpError(error);
  if (httpError.code === 'database_unavailable') {
    request.log?.warn({ err: error }, 'request failed: database unavailable');
    response.set('Retry-After', String(databaseRetryAfterSeconds));
  } else if (httpError.status >= 500) request.log?.error({ err: error }, 'request failed');
  const retryAfter = (httpError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (httpError.status === 429 && retryAfter) response.set('Retry-After', String(retryAfter));
  const body: ApiErrorBody = { error: { code: httpError.code, message: httpError.message } };
  if (httpError.details !== undefined) body.error.details = httpError.details;
  response.status(httpError.status).json(body);
};
