/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
/** A minimal HTTP client for tests: JSON in and out, with a bearer token or a cookie. */
export class TestApiClient {
  constructor(
    readonly baseUrl: string,
    readonly credentials: { token?: string; cookie?: string } = {},
  ) {}

  /** Sends a request and returns status, parsed body and the raw text (to search for leaks). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: any; text: string; headers: Headers }> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.credentials.token) headers.Authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials.cookie) {
      headers.Cookie = this.credentials.cookie;
      // A cookie means a browser, and browsers name the page's origin on every request that changes something.
      headers.Origin = this.baseUrl;
    }
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }
  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }
  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }
  /** A PATCH (or PUT) as the UI sends a change: with the version of the record the caller saw (`If-Match`). */
  patchAt(path: string, body: unknown, version: number, method: 'PATCH' | 'PUT' = 'PATCH') {
    return this.request(method, path, body, { 'If-Match': `"${version}"` });
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }

  /** Sends a file as the body, with its own content type (a document upload). */
  async upload(path: string, bytes: Uint8Array, contentType: string) {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (this.credentials.token) headers.Authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials.cookie) {
      headers.Cookie = this.credentials.cookie;
      headers.Origin = this.baseUrl;
    }
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method: 'POST',
      headers,
      body: Buffer.from(bytes),
    });
    const text = await response.text();
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  /** Downloads raw bytes (a document), with the response's headers. */
  async download(path: string) {
    const headers: Record<string, string> = {};
    if (this.credentials.token) headers.Authorization = `Bearer ${this.credentials.token}`;
    if (this.credentials.cookie) headers.Cookie = this.credentials.cookie;
    const response = await fetch(`${this.baseUrl}/api${path}`, { headers });
    return {
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()),
      headers: response.headers,
    };
  }
}

/** Signs in with a password and returns a client carrying the bearer token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<TestApiClient> {
  const response = await new TestApiClient(baseUrl).post('/auth/login', { email, password, mode: 'token' });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.status} ${response.text}`);
  return new TestApiClient(baseUrl, { token: response.body.token });
}
