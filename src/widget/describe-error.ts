import type { Labels } from './labels.js';

export type ErrorKind = 'offline' | 'network' | 'forbidden' | 'rate-limited' | 'server' | 'failed';

const labelOf: Record<ErrorKind, keyof Labels> = {
  offline: 'offline',
  network: 'network',
  forbidden: 'forbidden',
  'rate-limited': 'rateLimited',
  server: 'serverError',
  failed: 'failed',
};

/**
 * What went wrong with a chat request, in the reader's language: offline, the server out of
 * reach (fetch's TypeError), this site refused (403), too many requests (429), a server error
 * (5xx) or anything else; with the server's own words for a refusal or an unexpected error.
 */
export function describeError(error: Error | undefined, labels: Labels, online: boolean): { kind: ErrorKind; text: string; detail?: string } {
  const apiError = error as (Error & { statusCode?: number; responseBody?: string }) | undefined;
  const status = apiError?.statusCode;
  let code: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(apiError?.responseBody ?? '') as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === 'string' ? body.error.code : undefined;
    message = typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    message = status ? undefined : apiError?.message;
  }
  const kind: ErrorKind =
    code === 'forbidden:origin' || status === 403
      ? 'forbidden'
      : !online
        ? 'offline'
        : status === 429
          ? 'rate-limited'
          : status !== undefined && status >= 500
            ? 'server'
            : error?.name === 'TypeError'
              ? 'network'
              : 'failed';
  // The server's words help with a refusal or a bad request; after a 5xx or a failed fetch they are noise.
  const detail = (kind === 'forbidden' || kind === 'failed') && message && message.length < 300 ? message : undefined;
  return { kind, text: labels[labelOf[kind]], ...(detail ? { detail } : {}) };
}
