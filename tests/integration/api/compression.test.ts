import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/testServer.ts';

// A built client of our own: a script with precompressed copies, as the client build writes them.
const script = `console.log(${JSON.stringify('Concerto '.repeat(400))});`;
let clientDir: string;
let server: TestServer;

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'concerto-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(
    path.join(clientDir, 'index.html'),
    `<!doctype html><title>Concerto</title>${'<p>x</p>'.repeat(300)}`,
  );
  writeFileSync(path.join(clientDir, 'assets/app-1234.js'), script);
  writeFileSync(path.join(clientDir, 'assets/app-1234.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(clientDir, 'assets/app-1234.js.gz'), gzipSync(script));
  writeFileSync(path.join(clientDir, 'assets/plain-1234.css'), `body{margin:0}${' '.repeat(2000)}`);
  server = await startTestServer({ CONCERTO_CLIENT_DIR: clientDir });
});

afterAll(async () => {
  await server?.dispose();
  rmSync(clientDir, { recursive: true, force: true });
});

/** The raw bytes and headers as sent (Node's fetch would decode the body itself). */
function rawGet(pathname: string, acceptEncoding: string) {
  return new Promise<{ response: { headers: Headers }; body: Buffer }>((resolve, reject) => {
    get(`${server.url}${pathname}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) headers.set(name, String(value));
        resolve({ response: { headers }, body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

describe('compression on slow mobile data', () => {
  it('sends a built script as its Brotli copy to a browser that takes Brotli, with the script type', async () => {
    const { response } = await rawGet('/assets/app-1234.js', 'gzip, deflate, br');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('sends the gzip copy to a browser without Brotli, and the plain file to one that takes neither', async () => {
    const gzip = await rawGet('/assets/app-1234.js', 'gzip');
    expect(gzip.response.headers.get('content-encoding')).toBe('gzip');
    const plain = await rawGet('/assets/app-1234.js', 'identity');
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.response.headers.get('content-length')).toBe(String(Buffer.byteLength(script)));
  });

  it('never serves a copy outside the assets folder', async () => {
    writeFileSync(path.join(clientDir, 'secret.txt.br'), brotliCompressSync('not for the browser'));
    const escaped = await fetch(`${server.url}/assets/..%2fsecret.txt`, {
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(await escaped.text()).not.toContain('not for the browser');
  });

  it('compresses JSON answers and the page itself per request', async () => {
    const health = await fetch(`${server.url}/api/openapi.json`, { headers: { 'Accept-Encoding': 'br' } });
    expect(health.headers.get('content-encoding')).toBe('br');
    const page = await fetch(`${server.url}/families`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    const style = await fetch(`${server.url}/assets/plain-1234.css`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(style.headers.get('content-encoding')).toBe('gzip');
  });

  it('the copies hold the same bytes as the file', async () => {
    const { body } = await rawGet('/assets/app-1234.js', 'br');
    expect(brotliDecompressSync(body).toString()).toBe(script);
    const gzip = await rawGet('/assets/app-1234.js', 'gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
  });
});
