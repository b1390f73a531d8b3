import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FeedbackRow } from '../../src/adapters/d1-feedback-store.js';
import { encodeAnswerRef } from '../../src/http/slack/format-slack-answer.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { publicBaseUrl, startCloudflareSide, type CloudflareSide } from './support/create-parity-apps.js';

// Feedback on Workers lands in D1's feedback table (migrations/0002_feedback.sql). No index is
// published: the feedback routes do not read passages, and the suite stays fast.
const signingSecret = 'workers-feedback-secret';
const rateLimitPerMinute = 2;

const validBody = {
  messageId: 'msg-1',
  rating: 'down',
  comment: 'The figure is wrong.',
  question: 'How much did SoftBank invest in OpenAI?',
  answer: 'SoftBank invested $40 billion [1].',
  citations: [{ n: 1, docId: '001_d38a6fc719d6b211', paragraph: 3, title: 'SoftBank and OpenAI', url: `${publicBaseUrl}/sources/001_d38a6fc719d6b211#p-3`, quote: '$40 billion' }],
};

let cloudflare: CloudflareSide;
let slack: FakeSlackApi;

function postFeedback(body: unknown, clientAddress: string): Promise<Response> {
  return cloudflare.worker.fetch(`${publicBaseUrl}/api/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': clientAddress },
    body: JSON.stringify(body),
  });
}

function readRows(where = '1 = 1', ...params: unknown[]): Promise<FeedbackRow[]> {
  return cloudflare.worker.database
    .prepare(`SELECT * FROM feedback WHERE ${where} ORDER BY received_at`)
    .bind(...params)
    .all<FeedbackRow>()
    .then((result) => result.results);
}

beforeAll(async () => {
  slack = await startFakeSlackApi();
  cloudflare = await startCloudflareSide({
    FEEDBACK_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute),
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: 'xoxb-workers-test',
    SLACK_API_URL: slack.apiUrl,
  });
});
afterAll(async () => {
  await Promise.all([cloudflare?.close(), slack?.close()]);
});

describe('POST /api/feedback on the Worker', () => {
  test('stores a valid rating as one D1 row and answers 201 with its id', async () => {
    const response = await postFeedback(validBody, '203.0.113.1');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    const rows = await readRows('id = ?', id);
    expect(rows).toEqual([
      {
        id,
        received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        channel: 'widget',
        message_id: 'msg-1',
        rating: 'down',
        comment: 'The figure is wrong.',
        question: validBody.question,
        answer: validBody.answer,
        citations: JSON.stringify(validBody.citations),
      },
    ]);
  });

  test('refuses an invalid body with 400, naming the field, and stores nothing', async () => {
    const before = (await readRows()).length;
    const response = await postFeedback({ ...validBody, messageId: 'msg-bad', rating: 'meh' }, '203.0.113.2');
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request:feedback');
    expect(error.message).toContain('rating');
    expect(await readRows()).toHaveLength(before);
  });

  test('answers 429 past the limit for one cf-connecting-ip, and not for another', async () => {
    const client = '203.0.113.3';
    for (let count = 1; count <= rateLimitPerMinute; count += 1) {
      expect((await postFeedback({ ...validBody, messageId: `burst-${count}` }, client)).status).toBe(201);
    }
    const limited = await postFeedback({ ...validBody, messageId: 'burst-over' }, client);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited:feedback');
    expect(await readRows('message_id = ?', 'burst-over')).toEqual([]);

    expect((await postFeedback({ ...validBody, messageId: 'other-client' }, '203.0.113.4')).status).toBe(201);
  });
});

test('a 👍 on a Slack answer is stored in D1 with channel "slack"', async () => {
  const value = encodeAnswerRef({ id: 'answer-1', question: validBody.question, citations: [{ n: 1, docId: '001_d38a6fc719d6b211', paragraph: 3 }] });
  const payload = {
    type: 'block_actions',
    user: { id: 'U0BOB' },
    channel: { id: 'C0CHAN' },
    container: { type: 'message', message_ts: '1800000999.000100', channel_id: 'C0CHAN' },
    message: { type: 'message', ts: '1800000999.000100', text: 'SoftBank invested $40 billion [1].' },
    response_url: slack.responseUrl('feedback-1'),
    actions: [{ type: 'button', action_id: 'feedback_up', value }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

  const response = await cloudflare.worker.fetch(`${publicBaseUrl}/slack/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  expect(response.status).toBe(200);

  const reply = await slack.waitFor(() => slack.callsTo('response_url').find((call) => call.responseUrlId === 'feedback-1'));
  expect(reply.body.text).toBe('Thanks for the feedback.');
  expect(await readRows('channel = ?', 'slack')).toEqual([
    expect.objectContaining({
      message_id: '1800000999.000100',
      rating: 'up',
      comment: null,
      question: validBody.question,
      answer: 'SoftBank invested $40 billion [1].',
      citations: JSON.stringify([{ n: 1, docId: '001_d38a6fc719d6b211', paragraph: 3, url: `${publicBaseUrl}/sources/001_d38a6fc719d6b211#p-3` }]),
    }),
  ]);
});
