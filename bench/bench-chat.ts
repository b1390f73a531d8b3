import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { PassageStore } from '../src/ports.js';
import { createBenchApp } from './bench-ask.js';
import type { BenchQuestion } from './build-bench-questions.js';
import { summarizeLatencies, type LatencyBudget, type LatencySummary } from './measure-latency.js';

export interface ChatResult {
  /** Request sent → first body byte. */
  firstByte: LatencySummary;
  /** Request sent → first text-delta part: what a reader waits for. */
  firstText: LatencySummary;
  /** Request sent → stream end. */
  complete: LatencySummary;
}

/** POST /api/chat over a real @hono/node-server on 127.0.0.1 (port 0), timing the stream. */
export async function benchChat(store: PassageStore, questions: readonly BenchQuestion[], budget: LatencyBudget): Promise<ChatResult> {
  const app = await createBenchApp(store);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`;
  const firstByte: number[] = [];
  const firstText: number[] = [];
  const complete: number[] = [];
  try {
    const decoder = new TextDecoder();
    const send = async (index: number) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ id: `m${index}`, role: 'user', parts: [{ type: 'text', text: questions[index % questions.length]!.question }] }] }),
      });
      if (response.status !== 200 || !response.body) throw new Error(`/api/chat answered ${response.status}`);
      let sawByte: number | undefined;
      let sawText: number | undefined;
      for await (const chunk of response.body) {
        sawByte ??= performance.now() - started;
        if (sawText === undefined && decoder.decode(chunk, { stream: true }).includes('"type":"text-delta"')) sawText = performance.now() - started;
      }
      return { sawByte: sawByte!, sawText: sawText ?? Number.NaN, done: performance.now() - started };
    };
    for (let index = 0; index < budget.warmupRuns; index++) await send(index);
    const deadline = performance.now() + budget.maxMs;
    for (let index = 0; index < budget.maxRuns && performance.now() < deadline; index++) {
      const timing = await send(budget.warmupRuns + index);
      firstByte.push(timing.sawByte);
      firstText.push(timing.sawText);
      complete.push(timing.done);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return { firstByte: summarizeLatencies(firstByte), firstText: summarizeLatencies(firstText), complete: summarizeLatencies(complete) };
}
