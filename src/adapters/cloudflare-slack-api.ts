import { SlackApiError, SlackRateLimitedError } from '../core/slack-api-error.js';
import type { SlackApi } from '../ports.js';
import { parseRetryAfter, postToResponseUrl } from './post-to-response-url.js';

export interface CloudflareSlackApiOptions {
  token: string;
  /** Slack's Web API base URL ending in `/`, e.g. https://slack.com/api/ (tests use a fake). */
  apiUrl: string;
  timeoutMs?: number;
}

/**
 * SlackApi over plain fetch, for Workers: @slack/web-api's WebClient is built on axios and
 * Node's http, which workerd does not provide. Calls are form-encoded POSTs, as WebClient
 * sends them (read methods such as conversations.replies take no JSON body). A 429 becomes
 * SlackRateLimitedError with its Retry-After, any other failure SlackApiError.
 */
export function createCloudflareSlackApi(options: CloudflareSlackApiOptions): SlackApi {
  const apiUrl = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;

  async function call<Result>(method: string, fields: Record<string, unknown>): Promise<Result> {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SlackApiError(method, 'request_failed', { cause: error });
    }
    if (response.status === 429) throw new SlackRateLimitedError(method, parseRetryAfter(response.headers.get('retry-after')));
    if (!response.ok) throw new SlackApiError(method, `http_${response.status}`);
    const body = (await response.json().catch(() => ({ ok: false, error: 'invalid_json' }))) as { ok: boolean; error?: string } & Result;
    if (!body.ok) throw new SlackApiError(method, body.error ?? 'unknown_error');
    return body;
  }

  return {
    async postMessage({ channel, text, blocks, threadTs }) {
      const result = await call<{ ts?: string }>('chat.postMessage', { channel, text, blocks, thread_ts: threadTs, unfurl_links: false, unfurl_media: false });
      return { ts: result.ts ?? '' };
    },
    async update({ channel, ts, text, blocks }) {
      await call('chat.update', { channel, ts, text, blocks });
    },
    async replies({ channel, ts, limit }) {
      const result = await call<{ messages?: Array<{ ts?: string; text?: string; user?: string; bot_id?: string; subtype?: string }> }>(
        'conversations.replies',
        { channel, ts, limit: String(limit ?? 50) },
      );
      return (result.messages ?? []).map((message) => ({
        ts: message.ts ?? '',
        text: message.text ?? '',
        user: message.user,
        botId: message.bot_id,
        subtype: message.subtype,
      }));
    },
    respond: (responseUrl, body) => postToResponseUrl(responseUrl, body),
  };
}
