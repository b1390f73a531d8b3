/**
 * The app's one error type. `code` reads `kind:surface`, e.g. `bad_request:chat`,
 * `not_found:source`; `status` is the HTTP status it maps to.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limited'
  | 'storage_full'
  | 'unavailable'
  | 'upstream';

const statusByKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  storage_full: 507,
  unavailable: 503,
  upstream: 502,
};

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly kind: ErrorKind;

  constructor(code: `${ErrorKind}:${string}`, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.kind = code.slice(0, code.indexOf(':')) as ErrorKind;
    this.status = statusByKind[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
