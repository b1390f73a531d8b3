import { SlackRateLimitedError } from '../core/slack-api-error.js';
import type { Logger, SlackApi } from '../ports.js';

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
