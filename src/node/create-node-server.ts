import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../ports.js';

export interface NodeServerSettings {
  /** Time allowed to receive a request's headers (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** Time allowed to receive a whole request, body included (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open (Node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections allowed from one client address; 0 means no cap. */
  maxConnectionsPerAddress: number;
}

export interface NodeServerOptions extends NodeServerSettings {
  /** The app's fetch, e.g. `app.fetch` of createApp. */
  fetch: Parameters<typeof getRequestListener>[0];
  log?: Logger;
}

const statusTexts: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large' };

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** A whole HTTP/1.1 response for a socket that has no request object: the parser refused it. */
function rawErrorResponse(status: number, code: string, message: string): string {
  const body = errorJson(code, message);
  return [
    `HTTP/1.1 ${status} ${statusTexts[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** What a parser or timeout error means for the client. */
function describeClientError(error: NodeJS.ErrnoException): { status: number; code: string; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'timeout:request', message: 'The request was not received in time.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'bad_request:headers', message: 'The request headers are too large.' };
    default:
      return { status: 400, code: 'bad_request:http', message: 'The request is not valid HTTP.' };
  }
}

/**
 * Whether a raw request target has a `.` or `..` path segment (also as `%2e`). URL parsing
 * would resolve `/sources/..` to `/`; such a path names nothing here, so it is refused as is.
 */
export function hasDotSegment(target: string): boolean {
  const pathname = target.split(/[?#]/u, 1)[0] ?? '';
  return pathname.split('/').some((segment) => /^(?:\.|%2e){1,2}$/iu.test(segment));
}

/**
 * The Node HTTP server for the app, with deliberate limits: headers and whole requests must
 * arrive within their timeouts (else 408), idle keep-alive connections close after
 * `keepAliveTimeoutMs`, one address may hold at most `maxConnectionsPerAddress` connections
 * (more get 429 and are closed), requests Node's parser rejects get a JSON 400 (431 for
 * oversize headers), and paths with dot segments get 404 before routing. Not listening yet.
 */
export function createNodeServer(options: NodeServerOptions): Server {
  const listener = getRequestListener(options.fetch);
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default), which would let a slow
      // client hold a connection far past them.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(options.headersTimeoutMs / 4))),
    },
    (incoming, outgoing) => {
      if (hasDotSegment(incoming.url ?? '/')) {
        const body = errorJson('not_found:route', 'No such route.');
        outgoing.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body);
        return;
      }
      void listener(incoming, outgoing);
    },
  );
  server.keepAliveTimeout = options.keepAliveTimeoutMs;

  const openByAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = (openByAddress.get(address) ?? 0) + 1;
    openByAddress.set(address, open);
    socket.once('close', () => {
      const left = (openByAddress.get(address) ?? 1) - 1;
      if (left > 0) openByAddress.set(address, left);
      else openByAddress.delete(address);
    });
    if (options.maxConnectionsPerAddress > 0 && open > options.maxConnectionsPerAddress) {
      options.log?.warn('connection-refused', { address, open, max: options.maxConnectionsPerAddress });
      socket.end(rawErrorResponse(429, 'rate_limited:connections', 'Too many open connections from this address.'));
      socket.destroySoon();
    }
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // A response already under way cannot be replaced by an error; cut the connection instead.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, message } = describeClientError(error);
    options.log?.info('client-error', { status, code: error.code, address: socket.remoteAddress });
    socket.end(rawErrorResponse(status, code, message));
  });

  return server;
}
