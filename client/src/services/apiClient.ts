import type { ApiErrorBody } from '@concerto/shared';

/** An API call that failed: carries the server's error code and message (or `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthenticatedHandler = (path: string) => void;
let unauthenticatedHandler: UnauthenticatedHandler | undefined;

/** Paths whose 401 is an expected answer (no session yet), not a session that expired mid-work. */
const sessionlessPaths = ['/me', '/auth/', '/invitations/'];

/** Registers what to do when the session expires during work (the app sends the user to the login page). */
export function onUnauthenticated(handler: UnauthenticatedHandler): void {
  unauthenticatedHandler = handler;
}

/** Calls the Concerto API with the session cookie and returns the parsed JSON body. */
export async function apiRequest<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch (error) {
    throw new ApiError(0, 'network_error', (error as Error).message);
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const apiError = (body as ApiErrorBody | undefined)?.error;
    if (response.status === 401 && !sessionlessPaths.some((prefix) => path.startsWith(prefix))) {
      unauthenticatedHandler?.(path);
    }
    throw new ApiError(
      response.status,
      apiError?.code ?? 'http_error',
      apiError?.message ?? response.statusText,
      apiError?.details,
    );
  }
  return body as T;
}

/**
 * Sends a JSON body with POST, PUT, PATCH or DELETE and returns the parsed answer. With the `version` of the
 * record the user edited, the server refuses the change (409 `stale`) if someone changed it since.
 */
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  version?: number,
): Promise<T> {
  return apiRequest<T>(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
  });
}
