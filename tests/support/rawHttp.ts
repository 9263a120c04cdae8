import { connect } from 'node:net';

/** What came back for one raw request: the status code (null when the server closed without answering). */
export interface RawAnswer {
  status: number | null;
  head: string;
}

/** The headers of a websocket upgrade, to append to a raw request. */
export const upgradeHeaders =
  'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

/**
 * Sends bytes exactly as given over a new TCP connection and reads the answer's head, then hangs up:
 * lets tests send what no HTTP client library would (`GET //`, a bare `%`, broken header values).
 */
export function sendRaw(port: number, request: string | Buffer, timeoutMs = 3000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, head: received.split('\r\n\r\n')[0] ?? '' });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}

/** A raw HTTP/1.1 request for `target` with the given extra header lines (each ending in CRLF). */
export function rawRequest(method: string, target: string, headerLines = '', body = ''): string {
  const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headerLines}${length}Connection: close\r\n\r\n${body}`;
}
