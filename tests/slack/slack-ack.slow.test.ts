import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, expect, it } from 'vitest';
import { blocksText, createSlackTestApp, eventEnvelope, mention, postEvent, type SlackTestApp } from './create-slack-test-app.js';

let test: SlackTestApp | undefined;
afterAll(() => test?.close());

const answerDelayMs = 10_000;

it('acks an event in under 3 s while the answer takes 10 s, and the answer arrives later', { timeout: 20_000 }, async () => {
  const model = new MockLanguageModelV4({
    doStream: async () => ({
      stream: simulateReadableStream({
        initialDelayInMs: answerDelayMs,
        chunkDelayInMs: 0,
        chunks: [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'The ministry says “Japan will buy 10,000 GPUs for its national AI cloud by 2025”[1].' },
          { type: 'text-end', id: 't' },
          {
            type: 'finish',
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
          },
        ],
      }),
    }),
  });
  test = await createSlackTestApp({ model });
  const started = performance.now();
  const startedAt = Date.now();
  const response = await postEvent(test.app, eventEnvelope({ ts: '1799999999.000100', text: mention('How many GPUs will Japan buy?') }));
  const ackMs = performance.now() - started;
  expect(response.status).toBe(200);
  expect(ackMs).toBeLessThan(3_000);

  const placeholder = await test.fake.waitFor(() => test!.fake.callsTo('chat.postMessage')[0], 3_000);
  expect(placeholder.at - startedAt).toBeLessThan(3_000);
  const update = await test.fake.waitFor(() => test!.fake.callsTo('chat.update').find((call) => call.body.blocks?.length), 15_000);
  const answerMs = performance.now() - started;
  expect(answerMs).toBeGreaterThanOrEqual(answerDelayMs - 100);
  expect(blocksText(update.body.blocks)).toContain('https://assistant.test/sources/japan-gpus#p-1');
  console.info(`ack ${Math.round(ackMs)} ms, answer ${Math.round(answerMs)} ms`);
});
