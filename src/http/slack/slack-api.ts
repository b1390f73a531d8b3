import type { Logger } from '../../engine/answer-question.js';

/** A Block Kit block, kept loose: we build a handful of block types and Slack validates them. */
export type SlackBlock = { type: string } & Record<string, unknown>;

export interface SlackThreadMessage {
  ts: string;
  text: string;
  user?: string;
  botId?: string;
  subtype?: string;
}

/**
 * The few Slack calls the assistant makes. On Node it wraps @slack/web-api's WebClient; a
 * Workers build can implement it with fetch. Implementations throw SlackRateLimitedError on a
 * 429 and SlackApiError on any other failure.
 */
export interface SlackApi {
  postMessage(message: { channel: string; text: string; blocks?: SlackBlock[]; threadTs?: string }): Promise<{ ts: string }>;
  update(message: { channel: string; ts: string; text: string; blocks?: SlackBlock[] }): Promise<void>;
  /** conversations.replies: the thread's messages, oldest first. */
  replies(thread: { channel: string; ts: string; limit?: number }): Promise<SlackThreadMessage[]>;
  /** POSTs a message to an interaction's or slash command's response_url. */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<void>;
}

export class SlackApiError extends Error {
  readonly method: string;
  /** Slack's error code (`channel_not_found`) or `http_<status>` / `request_failed`. */
  readonly slackError: string;

  constructor(method: string, slackError: string, options?: { cause?: unknown }) {
    super(`Slack ${method} failed: ${slackError}`, options);
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
  }
}

export class SlackRateLimitedError extends SlackApiError {
  readonly retryAfterSeconds: number;

  constructor(method: string, retryAfterSeconds: number) {
    super(method, 'ratelimited');
    this.name = 'SlackRateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface RateLimitRetryOptions {
  /** Retries after the first attempt. */
  retries?: number;
  /** A Retry-After longer than this is not waited for: the call fails at once. */
  maxWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  log: Logger;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a SlackApi so that a 429 is retried after its Retry-After, at most `retries` times and
 * only for short waits; after that the SlackRateLimitedError propagates to the caller.
 */
export function withRateLimitRetry(api: SlackApi, options: RateLimitRetryOptions): SlackApi {
  const { retries = 2, maxWaitSeconds = 30, sleep = sleepFor, log } = options;
  async function call<T>(method: string, attempt: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof SlackRateLimitedError) || retry >= retries || error.retryAfterSeconds > maxWaitSeconds) throw error;
        log.warn('slack-rate-limited', { method, retryAfterSeconds: error.retryAfterSeconds, retry: retry + 1 });
        await sleep(Math.max(error.retryAfterSeconds, 0.05) * 1_000);
      }
    }
  }
  return {
    postMessage: (message) => call('chat.postMessage', () => api.postMessage(message)),
    update: (message) => call('chat.update', () => api.update(message)),
    replies: (thread) => call('conversations.replies', () => api.replies(thread)),
    respond: (responseUrl, body) => call('response_url', () => api.respond(responseUrl, body)),
  };
}

/** Parses a Retry-After header in seconds; Slack sends whole seconds. */
export function parseRetryAfter(value: string | null | undefined): number {
  const seconds = Number.parseInt(value ?? '', 10);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
}

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
