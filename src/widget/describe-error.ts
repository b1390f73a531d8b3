import type { Labels } from './labels.js';

/** What went wrong, in the reader's language, and the server's own words when it sent some. */
export function describeError(error: Error | undefined, labels: Labels, online: boolean): { text: string; detail?: string } {
  const apiError = error as (Error & { statusCode?: number; responseBody?: string }) | undefined;
  let code: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(apiError?.responseBody ?? '') as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === 'string' ? body.error.code : undefined;
    message = typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    message = apiError?.statusCode ? undefined : apiError?.message;
  }
  if (code === 'forbidden:origin' || apiError?.statusCode === 403) return { text: labels.forbidden, detail: message };
  if (!online) return { text: labels.offline };
  if (apiError?.statusCode === 429) return { text: labels.rateLimited };
  if (error?.name === 'TypeError') return { text: labels.failed };
  return { text: labels.failed, detail: message && message.length < 300 ? message : undefined };
}
