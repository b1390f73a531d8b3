import { SlackApiError, SlackRateLimitedError } from '../core/slack-api-error.js';

/** The response_url half of SlackApi: a JSON POST with fetch, the same on every runtime. */
export async function postToResponseUrl(responseUrl: string, body: Record<string, unknown>, fetchImpl: typeof fetch = fetch): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(responseUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new SlackApiError('response_url', 'request_failed', { cause: error });
  }
  if (response.status === 429) throw new SlackRateLimitedError('response_url', parseRetryAfter(response.headers.get('retry-after')));
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new SlackApiError('response_url', `http_${response.status}`);
  // response_url answers "ok", or a JSON error with status 200 in some failure modes.
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { ok?: boolean; error?: string };
    if (parsed.ok === false) throw new SlackApiError('response_url', parsed.error ?? 'unknown_error');
  }
}

/** Parses a Retry-After header in seconds; Slack sends whole seconds. */
export function parseRetryAfter(value: string | null | undefined): number {
  const seconds = Number.parseInt(value ?? '', 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}
