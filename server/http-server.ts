// Start the Node HTTP server for the app: what main.ts runs and what tests start on port 0.
// Node answers requests it cannot parse itself (headers over 16 KB, malformed request
// lines) with a bare status line and no body; here they get the API's error shape too.
import { serve, type ServerType } from '@hono/node-server';
import { createServer, STATUS_CODES, type RequestListener, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiError } from './routes/errors';
import { nodeRoutesOf } from './routes/http/node-routes';

type FetchApp = { fetch: Parameters<typeof serve>[0]['fetch'] };

/** What Node could not parse, answered in the API's shape (the request never reached Hono). */
function clientErrorAnswer(code: string | undefined): { status: number; error: ApiError } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, error: { code: 'headers_too_large', message: 'The request headers (URL or cookies) are too large', message_vi: 'Phần đầu yêu cầu (địa chỉ hoặc cookie) quá lớn' } };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, error: { code: 'request_timeout', message: 'The request took too long to arrive', message_vi: 'Yêu cầu gửi đến quá chậm' } };
  }
  return { status: 400, error: { code: 'bad_request', message: 'Malformed HTTP request', message_vi: 'Yêu cầu không hợp lệ' } };
}

/** Node's own check before it writes its default answer: nothing already sent on this socket. */
function canAnswer(socket: Duplex): boolean {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return socket.writable && !(pending?.headersSent ?? false);
}

/** Serve `app` on host:port (0 = any free port), its node routes first (see node-routes.ts); resolves once listening. */
export function startHttpServer(app: FetchApp, options: { port: number; hostname: string }): Promise<{ server: ServerType; port: number }> {
  const front = nodeRoutesOf(app);
  // Node calls the listener with (req, res); the node routes answer theirs, Hono the rest.
  const withFront = (listener: RequestListener): RequestListener => (front ? (req, res) => front(req, res) || listener(req, res) : listener);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname, createServer: ((opts: ServerOptions, listener: RequestListener) => createServer(opts, withFront(listener))) as typeof createServer },
      (info: AddressInfo) => resolve({ server, port: info.port }),
    );
    server.once('error', reject);
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
      if (err.code === 'ECONNRESET' || !canAnswer(socket)) {
        socket.destroy();
        return;
      }
      const { status, error } = clientErrorAnswer(err.code);
      const body = JSON.stringify({ error });
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    });
  });
}
