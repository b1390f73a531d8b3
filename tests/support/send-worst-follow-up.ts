import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The hostile follow-up from issue 15: a POST /api/chat of about 246 KB (under the 256 KiB
 * limit) whose earlier user turn is long mixed English/Chinese prose, then "What about Korea?".
 */
export function worstFollowUpBody(): string {
  const prose = 'How many GPUs does Japan want from Nvidia for its research labs? 韓國政府計畫採購更多顯示卡以發展人工智慧，';
  const parts = Array.from({ length: 7 }, () => ({ type: 'text', text: prose.repeat(Math.floor(24_000 / prose.length)) }));
  const body = JSON.stringify({
    messages: [
      { id: 'u1', role: 'user', parts },
      { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Japan asked for as many GPUs as possible.' }] },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'What about Korea?' }] },
    ],
  });
  return body;
}

export interface WorstFollowUpRun {
  status: number;
  bodyBytes: number;
  /** The longest event-loop block while the request ran, in ms. */
  maxDelayMs: number;
  /** /healthz probes sent every 25 ms during the request, and their slowest answer. */
  healthProbes: number;
  slowestHealthMs: number;
}

/**
 * Sends the worst follow-up to a server running in this process and measures, with
 * `monitorEventLoopDelay`, how long the event loop was blocked, while /healthz is probed.
 */
export async function sendWorstFollowUp(baseUrl: string): Promise<WorstFollowUpRun> {
  const body = worstFollowUpBody();
  // One ordinary question first, so compiling the routes on first use is not counted as the
  // hostile input's block (it is the same for any first request).
  const warmUp = JSON.stringify({ messages: [{ id: 'w', role: 'user', parts: [{ type: 'text', text: 'How many GPUs does Japan want?' }] }] });
  await (await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: warmUp })).text();
  await (await fetch(`${baseUrl}/healthz`)).arrayBuffer();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let done = false;
  let healthProbes = 0;
  let slowestHealthMs = 0;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/healthz`);
      await response.arrayBuffer();
      healthProbes++;
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const response = await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.text();
  // Keep probing a little after the answer, so a block at the end is caught too.
  await new Promise((resolve) => setTimeout(resolve, 100));
  done = true;
  await probing;
  histogram.disable();
  return {
    status: response.status,
    bodyBytes: Buffer.byteLength(body),
    maxDelayMs: histogram.max / 1e6,
    healthProbes,
    slowestHealthMs,
  };
}
