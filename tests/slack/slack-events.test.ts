import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBot } from '../support/fake-slack-api.js';
import {
  blocksText,
  createSlackTestApp,
  eventEnvelope,
  mention,
  postEvent,
  sign,
  signedRequest,
  type SlackTestApp,
} from './create-slack-test-app.js';

let current: SlackTestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(options?: Parameters<typeof createSlackTestApp>[0]): Promise<SlackTestApp> {
  current = await createSlackTestApp(options);
  return current;
}

/** Waits for the final answer: the chat.update that carries blocks. */
function finalUpdate(test: SlackTestApp, index = 0) {
  return test.fake.waitFor(() => test.fake.callsTo('chat.update').filter((call) => call.body.blocks?.length)[index]);
}

const japanQuestion = 'How many GPUs will Japan buy?';
const japanSource = 'https://assistant.test/sources/japan-gpus#p-1';

describe('POST /slack/events: signatures', () => {
  it.each([
    ['a bad signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { signature: sign('{}', Math.floor(Date.now() / 1000), 'other-secret') }],
    ['a malformed signature', { signature: 'v1=abc' }],
    ['no signature', { signature: null }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['a future timestamp', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
  ] as const)('refuses %s with 401 and does no work', async (_name, options) => {
    const test = await start();
    const response = await postEvent(test.app, eventEnvelope({ ts: '1799999999.000100', text: mention(japanQuestion) }), options);
    expect(response.status).toBe(401);
    expect(test.background.pending).toBe(0);
    await test.background.drain();
    expect(test.fake.calls).toEqual([]);
  });

  it('answers the url_verification challenge when signed', async () => {
    const test = await start();
    const response = await postEvent(test.app, { type: 'url_verification', token: 'legacy', challenge: 'challenge-123' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'challenge-123' });
    const unsigned = await postEvent(test.app, { type: 'url_verification', challenge: 'challenge-123' }, { signature: null });
    expect(unsigned.status).toBe(401);
  });

  it('answers a replayed signed request once: the repeated event_id is a duplicate', async () => {
    const test = await start();
    const request = signedRequest(JSON.stringify(eventEnvelope({ ts: '1799999999.000100', text: mention(japanQuestion) })), 'application/json');
    expect((await test.app.request('/slack/events', request)).status).toBe(200);
    expect((await test.app.request('/slack/events', { ...request })).status).toBe(200);
    await finalUpdate(test);
    await test.background.drain();
    expect(test.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(test.logs.some((entry) => entry.event === 'slack-duplicate-ignored')).toBe(true);
  });
});

describe('POST /slack/events: answers', () => {
  it('answers a mention in its thread: placeholder first, then the cited answer with source links', async () => {
    const test = await start();
    const ts = '1799999999.000100';
    const response = await postEvent(test.app, eventEnvelope({ ts, text: mention(japanQuestion) }));
    expect(response.status).toBe(200);

    const placeholder = await test.fake.waitFor(() => test.fake.callsTo('chat.postMessage')[0]);
    expect(placeholder.body).toMatchObject({ channel: 'C0CHAN', thread_ts: ts, text: 'Searching the sources…' });

    const update = await finalUpdate(test);
    expect(update.body.channel).toBe('C0CHAN');
    expect(test.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const text = blocksText(update.body.blocks);
    expect(text).toContain('“Japan will buy 10,000 GPUs for its national AI cloud by 2025, the ministry said.”[1]');
    expect(text).toContain(`*[1]* <${japanSource}|Japan plans a national AI cloud> — “Japan will buy 10,000 GPUs`);
    expect(text).not.toContain('korea-gpus');
    expect(update.body.text).toContain('Japan will buy 10,000 GPUs');
    const actionIds = update.body.blocks.flatMap((block: any) => block.elements ?? []).map((element: any) => element.action_id).filter(Boolean);
    expect(actionIds).toEqual(['feedback_up', 'feedback_down']);
    await test.background.drain();
    expect(test.logs.find((entry) => entry.event === 'slack-answer')?.fields).toMatchObject({ eventId: expect.any(String), refused: false, citations: 1 });
  });

  it('answers a direct message in a thread under it', async () => {
    const test = await start();
    const ts = '1799999999.000200';
    await postEvent(test.app, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0DM', ts, text: japanQuestion }));
    const update = await finalUpdate(test);
    expect(test.fake.callsTo('chat.postMessage')[0]!.body).toMatchObject({ channel: 'D0DM', thread_ts: ts });
    expect(update.body.channel).toBe('D0DM');
    expect(blocksText(update.body.blocks)).toContain(japanSource);
  });

  it('says a refusal plainly, with no sources', async () => {
    const test = await start();
    await postEvent(test.app, eventEnvelope({ ts: '1799999999.000300', text: mention('What is the capital of Peru?') }));
    const update = await finalUpdate(test);
    const text = blocksText(update.body.blocks);
    expect(text).toContain("The sources don't cover this");
    expect(text).not.toContain('Sources');
  });

  it('ignores a Slack retry (X-Slack-Retry-Num) and a duplicate event_id', async () => {
    const test = await start();
    const envelope = eventEnvelope({ ts: '1799999999.000400', text: mention(japanQuestion) });
    expect((await postEvent(test.app, envelope)).status).toBe(200);
    const retry = await postEvent(test.app, envelope, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('x-slack-no-retry')).toBe('1');
    const retryOfNew = await postEvent(test.app, eventEnvelope({ ts: '1799999999.000401', text: mention(japanQuestion) }), { headers: { 'x-slack-retry-num': '2' } });
    expect(retryOfNew.status).toBe(200);
    const duplicate = await postEvent(test.app, envelope);
    expect(duplicate.status).toBe(200);
    const sameMessageAgain = await postEvent(test.app, { ...envelope, event_id: 'EvOther' });
    expect(sameMessageAgain.status).toBe(200);
    await finalUpdate(test);
    await test.background.drain();
    expect(test.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each([
    ['a bot message', { type: 'message', channel_type: 'im', channel: 'D0DM', subtype: 'bot_message', bot_id: 'B0OTHER', text: japanQuestion }],
    ['its own message', { type: 'message', channel_type: 'im', channel: 'D0DM', user: fakeBot.userId, bot_id: fakeBot.botId, text: japanQuestion }],
    ['its own user id without a bot_id', { type: 'message', channel_type: 'im', channel: 'D0DM', user: fakeBot.userId, text: japanQuestion }],
    ['another bot mentioning it', { bot_id: 'B0OTHER', text: mention(japanQuestion) }],
    ['an edit', { type: 'message', channel_type: 'im', channel: 'D0DM', subtype: 'message_changed', message: { text: japanQuestion } }],
    ['a join', { type: 'message', channel_type: 'channel', subtype: 'channel_join', text: '<@U0ALICE> has joined the channel' }],
    ['a channel message that is not a mention', { type: 'message', channel_type: 'channel', text: japanQuestion }],
    ['another event type', { type: 'reaction_added', reaction: 'thumbsup' }],
  ])('ignores %s', async (_name, event) => {
    const test = await start();
    const response = await postEvent(test.app, eventEnvelope({ ts: '1799999999.000500', ...event }));
    expect(response.status).toBe(200);
    expect(test.background.pending).toBe(0);
    expect(test.fake.calls).toEqual([]);
  });

  it('answers a follow-up in a thread with the thread as history', async () => {
    const test = await start();
    const rootTs = '1799999999.000600';
    test.fake.addMessage('C0CHAN', { ts: rootTs, user: 'U0ALICE', text: mention(japanQuestion) });
    await postEvent(test.app, eventEnvelope({ ts: rootTs, text: mention(japanQuestion) }));
    await finalUpdate(test, 0);

    const followUpTs = '1800000900.000100';
    test.fake.addMessage('C0CHAN', { ts: followUpTs, user: 'U0ALICE', thread_ts: rootTs, text: mention('What about Korea?') });
    test.store.searches.length = 0;
    await postEvent(test.app, eventEnvelope({ ts: followUpTs, thread_ts: rootTs, text: mention('What about Korea?') }));
    const update = await finalUpdate(test, 1);

    expect(test.fake.callsTo('chat.postMessage')[1]!.body).toMatchObject({ thread_ts: rootTs });
    expect(test.fake.callsTo('conversations.replies')[0]!.body).toMatchObject({ channel: 'C0CHAN', ts: rootTs });
    // Retrieval searched for the follow-up together with the earlier topic…
    expect(test.store.searches[0]).toMatch(/korea/);
    expect(test.store.searches[0]).toMatch(/japan/);
    // …and the answer cites the other paragraph.
    const text = blocksText(update.body.blocks);
    expect(text).toContain('https://assistant.test/sources/korea-gpus#p-1');
    expect(text).toContain('18,000 high-performance GPUs');
    await test.background.drain();
    expect(test.logs.find((entry) => entry.event === 'slack-answer' && entry.fields?.history === 2)?.fields?.standaloneQuestion).toMatch(/Japan/);
  });
});

describe('POST /slack/events: Slack API errors', () => {
  it('honours a 429 Retry-After and then answers', async () => {
    const test = await start();
    test.fake.rateLimit('chat.postMessage', 1);
    await postEvent(test.app, eventEnvelope({ ts: '1799999999.000700', text: mention(japanQuestion) }));
    const update = await finalUpdate(test);
    const attempts = test.fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(blocksText(update.body.blocks)).toContain(japanSource);
    expect(test.logs.some((entry) => entry.event === 'slack-rate-limited' && entry.fields?.retryAfterSeconds === 1)).toBe(true);
  });

  it('gives up after a bounded number of retries, logs the request id and apologises', async () => {
    const test = await start();
    test.fake.rateLimit('chat.postMessage', 0, 5);
    await postEvent(test.app, eventEnvelope({ ts: '1799999999.000800', text: mention(japanQuestion) }));
    await test.background.drain();
    const attempts = test.fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(attempts.map((call) => call.status)).toEqual([429, 429, 429, 429, 429, 200]);
    expect(attempts.at(-1)!.body.text).toMatch(/^Sorry/);
    const failure = test.logs.find((entry) => entry.event === 'slack-answer-failed');
    expect(failure?.fields).toMatchObject({ requestId: expect.any(String), slackMethod: 'chat.postMessage', slackError: 'ratelimited' });
  });

  it('answers 404 on /slack/* without Slack settings, and the rest of the app runs', async () => {
    const test = await start({ slack: false });
    const response = await postEvent(test.app, { type: 'url_verification', challenge: 'x' });
    expect(response.status).toBe(404);
    expect((await test.app.request('/healthz')).status).toBe(200);
  });
});

describe('POST /slack/events: model output', () => {
  const quote = 'Japan will buy 10,000 GPUs for its national AI cloud by 2025';
  const pieces = [
    `Per the ministry, “${quote}”[1].`,
    ' <!channel> see <https://evil.example|this link> & <@U0ADMIN>.',
    ...Array.from({ length: 14 }, (_, index) => ` Line ${index + 1}.`),
  ];

  function scriptedModel(chunkDelayMs: number): MockLanguageModelV4 {
    return new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream({
          async start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'text-start', id: 't' });
            for (const piece of pieces) {
              await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
              controller.enqueue({ type: 'text-delta', id: 't', delta: piece });
            }
            controller.enqueue({ type: 'text-end', id: 't' });
            controller.enqueue({
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 10, text: 10, reasoning: 0 } },
            });
            controller.close();
          },
        }),
      }),
    });
  }

  it('escapes <!channel>, links and mentions in the answer and streams it with throttled updates', async () => {
    const test = await start({ model: scriptedModel(100), updateIntervalMs: 500 });
    await postEvent(test.app, eventEnvelope({ ts: '1799999999.000900', text: mention(japanQuestion) }));
    const update = await test.fake.waitFor(() => test.fake.callsTo('chat.update').find((call) => call.body.blocks?.length));
    const text = blocksText(update.body.blocks);
    expect(text).toContain(`“${quote}”[1]`);
    expect(text).toContain('&lt;!channel&gt; see &lt;https://evil.example|this link&gt; &amp; &lt;@U0ADMIN&gt;.');
    expect(text).not.toMatch(/<!channel>|<https:\/\/evil|<@U0ADMIN>/);
    expect(update.body.text).not.toMatch(/<!channel>|<https:\/\/evil/);

    const progress = test.fake.callsTo('chat.update').filter((call) => !call.body.blocks?.length);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(5);
    for (const call of progress) expect(call.body.text).not.toMatch(/<!channel>|<https:\/\/evil/);
    const times = test.fake.callsTo('chat.update').map((call) => call.at);
    for (let index = 1; index < progress.length; index++) expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(450);
  });
});
