import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/app-error.js';

export interface AllowOriginsOptions {
  /** Our own public base URL; its origin is always allowed. */
  publicBaseUrl: string;
  /** Other origins (scheme://host[:port]) allowed to call from a browser; `*` allows any. */
  allowedOrigins: string[];
}

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The origins that are ours: the public base URL's, and when that is a loopback address, the
 * same scheme and port under the other loopback names (`localhost` for `127.0.0.1`).
 */
function ownOrigins(publicBaseUrl: string): string[] {
  const base = new URL(publicBaseUrl);
  if (!loopbackHosts.includes(base.hostname)) return [base.origin];
  return loopbackHosts.map((host) => `${base.protocol}//${host}${base.port ? `:${base.port}` : ''}`);
}

/**
 * CORS and the origin gate: browsers may call only from our own origin or a listed one. Our
 * own origin comes from PUBLIC_BASE_URL, never from the request's Host header: after DNS
 * rebinding, a page on an attacker's domain reaches us with that domain as both Host and
 * Origin, and must still be refused. A refused origin still gets CORS headers on its 403 (and
 * a successful preflight), so the widget can read and show the reason. Requests without an
 * Origin header pass.
 */
export function allowOrigins(options: AllowOriginsOptions): MiddlewareHandler {
  const own = ownOrigins(options.publicBaseUrl);
  const isAllowed = (origin: string) => own.includes(origin) || options.allowedOrigins.includes(origin) || options.allowedOrigins.includes('*');

  return async (context, next) => {
    const origin = context.req.header('origin');
    const allowed = !origin || isAllowed(origin);
    if (origin) {
      context.header('Access-Control-Allow-Origin', origin);
      context.header('Vary', 'Origin');
    }
    if (context.req.method === 'OPTIONS') {
      // A refused origin's preflight succeeds too: a failed preflight would hide the reason from
      // the page, while the request itself is refused below with a readable 403.
      context.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      context.header('Access-Control-Allow-Headers', 'Content-Type');
      context.header('Access-Control-Max-Age', '600');
      return context.body(null, 204);
    }
    if (!allowed) throw new AppError('forbidden:origin', `Origin ${origin} is not allowed to use this assistant.`);
    await next();
    // A handler that returns its own Response (the chat stream) drops the headers set above.
    if (origin && !context.res.headers.has('Access-Control-Allow-Origin')) {
      context.header('Access-Control-Allow-Origin', origin);
      context.header('Vary', 'Origin');
    }
  };
}
