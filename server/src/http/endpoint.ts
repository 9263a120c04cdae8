import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { reachesGeneralRoutes } from '@concerto/shared';
import { requireAuth } from '../auth/authenticate.ts';
import { notFound } from './errors.ts';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Everything the API says about one route: used both to validate requests and to write /api/openapi.json. */
export interface EndpointSpec<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express path below /api, e.g. `/families/:id`. */
  path: string;
  summary: string;
  tags: string[];
  params?: Params;
  query?: Query;
  body?: Body;
  /** A file as the body (e.g. a PDF) in one of these content types, read by a middleware before the route. */
  uploadTypes?: readonly string[];
  /** Schema of the success body; `contentType` other than JSON for downloads. */
  response?: z.ZodType;
  contentType?: string;
  status?: number;
  /** Whether the route needs a session (documented as a security requirement). */
  authenticated?: boolean;
  /**
   * Whether a guest's one-meeting pass (an interpreter) reaches this authenticated route. Off by default: to a
   * guest every other route answers 404, as if it did not exist, whatever its own checks would say.
   */
  guest?: boolean;
}

/** The validated parts of a request handed to an endpoint's handler. */
export interface EndpointInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  request: Request;
  response: Response;
}

/** Every endpoint declared so far, in declaration order; the OpenAPI document is generated from it. */
export const endpointRegistry: EndpointSpec[] = [];

/**
 * Declares a route on `router`: checks the session of authenticated routes (401; a guest's pass reaches only
 * routes marked for it, 404 elsewhere), validates the query
 * and body with zod (failures become 400) and the path's ids (a malformed or non-canonical id names
 * nothing, so it answers 404 like an unknown one),
 * calls the handler and sends its result as JSON. A handler that returns undefined has answered itself.
 */
export function endpoint<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  router: Router,
  spec: EndpointSpec<Params, Query, Body>,
  handler: (input: EndpointInput<z.output<Params>, z.output<Query>, z.output<Body>>) => unknown,
): void {
  if (!endpointRegistry.some((known) => known.method === spec.method && known.path === spec.path)) {
    endpointRegistry.push(spec as unknown as EndpointSpec);
  }
  router[spec.method](spec.path, async (request: Request, response: Response) => {
    // Authentication first: an anonymous caller must not learn what a valid body looks like.
    if (spec.authenticated && !reachesGeneralRoutes(requireAuth(request).actor) && !spec.guest)
      throw notFound();
    const input = {
      params: spec.params ? parsePath(spec.params, request.params) : request.params,
      query: spec.query ? spec.query.parse(request.query) : request.query,
      body: spec.body ? spec.body.parse(request.body ?? {}) : undefined,
      request,
      response,
    } as EndpointInput<z.output<Params>, z.output<Query>, z.output<Body>>;
    const result = await handler(input);
    if (result === undefined || response.headersSent) return;
    response.status(spec.status ?? (spec.method === 'post' ? 201 : 200)).json(result);
  });
}

function parsePath<Params extends z.ZodType>(schema: Params, params: unknown): z.output<Params> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
