import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeOpenAIServer, lastUserText, type FakeOpenAIServer } from '../support/start-fake-openai-server.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { publicBaseUrl, startCloudflareSide, type CloudflareSide } from './support/create-parity-apps.js';

const signingSecret = 'workers-signing-secret';
const chunkDelayMs = 1_500;

let cloudflare: CloudflareSide;
let slack: FakeSlackApi;
let openai: FakeOpenAIServer;

beforeAll(async () => {
  [slack, openai] = await Promise.all([startFakeSlackApi(), startFakeOpenAIServer()]);
  // The model quotes passage [1] verbatim, slowly: the answer takes over 3 s to finish.
  openai.reply = (request) => {
    const passage = /<passage n="1"[^>]*>\n([\s\S]*?)\n<\/passage>/.exec(lastUserText(request))?.[1] ?? '';
    const quote = passage.split(/(?<=[.!?])\s/)[0]!.slice(0, 80);
    return { kind: 'stream', chunks: ['The sources say ', `“${quote}”[1].`], delayMs: chunkDelayMs };
  };
  cloudflare = await startCloudflareSide({
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: 'xoxb-workers-test',
    SLACK_API_URL: slack.apiUrl,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.baseURL,
  });
  await cloudflare.publish();
});
afterAll(async () => {
  await Promise.all([cloudflare?.close(), slack?.close(), openai?.close()]);
});

test('a Slack event is acked before its answer is done, and the answer still arrives (waitUntil)', { timeout: 30_000 }, async () => {
  const body = JSON.stringify({
    type: 'event_callback',
    event_id: 'Ev-workers-1',
    authorizations: [{ user_id: 'U0BOT' }],
    event: { type: 'app_mention', channel: 'C1', ts: '1799999999.000100', user: 'U1', text: '<@U0BOT> How much did SoftBank invest in OpenAI?' },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

  const started = performance.now();
  const response = await cloudflare.worker.fetch(`${publicBaseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  const ackMs = performance.now() - started;
  expect(response.status).toBe(200);
  expect(ackMs).toBeLessThan(chunkDelayMs);
  expect(slack.callsTo('chat.update').filter((call) => call.body.blocks?.length)).toEqual([]);

  const final = await slack.waitFor(() => slack.callsTo('chat.update').find((call) => call.body.blocks?.length), 20_000);
  const answerMs = performance.now() - started;
  expect(answerMs).toBeGreaterThan(ackMs + chunkDelayMs);
  expect(JSON.stringify(final.body.blocks)).toContain(`${publicBaseUrl}/sources/001_d38a6fc719d6b211#p-`);
  expect(openai.requests.length).toBeGreaterThan(0);
  console.info(`workerd: ack ${Math.round(ackMs)} ms, answer ${Math.round(answerMs)} ms`);
});

test('a badly signed Slack request is refused before any work', async () => {
  const response = await cloudflare.worker.fetch(`${publicBaseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=bad' },
    body: '{"type":"url_verification","challenge":"x"}',
  });
  expect(response.status).toBe(401);
});
