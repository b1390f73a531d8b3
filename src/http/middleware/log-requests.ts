import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../ports.js';

/** Logs one `request` event per request: method, path, status and milliseconds. */
export function logRequests(log: Logger): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (context, next) => {
    const started = performance.now();
    await next();
    log.info('request', {
      requestId: context.get('requestId'),
      method: context.req.method,
      path: context.req.path,
      status: context.res.status,
      ms: Math.round(performance.now() - started),
    });
  };
}
