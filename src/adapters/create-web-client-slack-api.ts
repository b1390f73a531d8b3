import { LogLevel, WebAPIPlatformError, WebAPIRateLimitedError, WebClient, type KnownBlock } from '@slack/web-api';
import { SlackApiError, SlackRateLimitedError } from '../core/slack-api-error.js';
import type { SlackApi } from '../ports.js';
import { postToResponseUrl } from './post-to-response-url.js';

export interface WebClientSlackApiOptions {
  token: string;
  /** Slack's Web API base URL, e.g. https://slack.com/api/ (tests point it at a fake). */
  apiUrl: string;
  timeoutMs?: number;
}

function toSlackApiError(method: string, error: unknown): SlackApiError {
  if (error instanceof WebAPIRateLimitedError) return new SlackRateLimitedError(method, error.retryAfter);
  if (error instanceof WebAPIPlatformError) return new SlackApiError(method, error.data.error, { cause: error });
  return new SlackApiError(method, 'request_failed', { cause: error });
}

/**
 * SlackApi over @slack/web-api's WebClient. The client's own retries are off and 429s are
 * rejected at once, so the rate-limit policy lives in one place (withRateLimitRetry) and a
 * queued retry can never outlive the request that wanted it.
 */
export function createWebClientSlackApi(options: WebClientSlackApiOptions): SlackApi {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });
  async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toSlackApiError(method, error);
    }
  }
  return {
    postMessage: ({ channel, text, blocks, threadTs }) =>
      call('chat.postMessage', async () => {
        const result = await client.chat.postMessage({ channel, text, blocks: blocks as KnownBlock[] | undefined, thread_ts: threadTs, unfurl_links: false, unfurl_media: false });
        return { ts: result.ts ?? '' };
      }),
    update: ({ channel, ts, text, blocks }) =>
      call('chat.update', async () => {
        await client.chat.update({ channel, ts, text, blocks: blocks as KnownBlock[] | undefined });
      }),
    replies: ({ channel, ts, limit }) =>
      call('conversations.replies', async () => {
        const result = await client.conversations.replies({ channel, ts, limit: limit ?? 50 });
        return (result.messages ?? []).map((message) => ({
          ts: message.ts ?? '',
          text: message.text ?? '',
          user: message.user,
          botId: message.bot_id,
          subtype: (message as { subtype?: string }).subtype,
        }));
      }),
    respond: (responseUrl, body) => postToResponseUrl(responseUrl, body),
  };
}
