import { describe, expect, it } from 'vitest';
import { SlackApiError, SlackRateLimitedError } from '../core/slack-api-error.js';
import type { SlackApi } from '../ports.js';
import { withRateLimitRetry } from './with-rate-limit-retry.js';

const silent = { info() {}, warn() {}, error() {} };

function flakyApi(failures: Error[]): { api: SlackApi; attempts: () => number } {
  let attempts = 0;
  const api: SlackApi = {
    async postMessage() {
      attempts += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return { ts: '1.2' };
    },
    update: async () => {},
    replies: async () => [],
    respond: async () => {},
  };
  return { api, attempts: () => attempts };
}

describe('withRateLimitRetry', () => {
  it('waits Retry-After and retries', async () => {
    const waits: number[] = [];
    const { api, attempts } = flakyApi([new SlackRateLimitedError('chat.postMessage', 2), new SlackRateLimitedError('chat.postMessage', 1)]);
    const wrapped = withRateLimitRetry(api, { log: silent, sleep: async (ms) => void waits.push(ms) });
    expect(await wrapped.postMessage({ channel: 'C', text: 'x' })).toEqual({ ts: '1.2' });
    expect([attempts(), waits]).toEqual([3, [2_000, 1_000]]);
  });

  it.each([
    ['more 429s than retries', [1, 1, 1].map((seconds) => new SlackRateLimitedError('chat.postMessage', seconds)), 3],
    ['a Retry-After over the bound', [new SlackRateLimitedError('chat.postMessage', 120)], 1],
    ['another Slack error', [new SlackApiError('chat.postMessage', 'channel_not_found')], 1],
  ])('gives up on %s', async (_name, failures, expectedAttempts) => {
    const { api, attempts } = flakyApi([...failures]);
    const wrapped = withRateLimitRetry(api, { log: silent, sleep: async () => {} });
    await expect(wrapped.postMessage({ channel: 'C', text: 'x' })).rejects.toBeInstanceOf(SlackApiError);
    expect(attempts()).toBe(expectedAttempts);
  });
});
