import type { BenchQuestion } from './build-bench-questions.js';
import { percentile, summarizeLatencies, type LatencySummary } from './measure-latency.js';
import type { SeedSentence } from './read-seed-sentences.js';
import { startBenchServer } from './start-bench-server.js';

export interface LoadResult {
  connections: number;
  loadMs: number;
  requests: number;
  requestsPerSecond: number;
  /** Asks that failed: a non-2xx status, a network error or no answer within the request timeout. */
  errors: number;
  latency: LatencySummary & { p99: number };
  /** GET /healthz every 250 ms during the load: the longest shows any stall of the event loop. */
  health: LatencySummary & { p99: number; failures: number };
  /** The worst-case request, sent again each time it finishes, from before the load to its end. */
  worstCase: {
    bodyBytes: number;
    sent: number;
    /** Answered 2xx. */
    ok: number;
    /** Non-2xx, a network error, or aborted after `worstCaseTimeoutMs`. */
    failed: number;
    /** The longest one took this long (or was aborted at). */
    maxMs: number;
  };
}

/** Under the 256 KiB body limit, as the attack of issue 15 was. */
const worstCaseTargetBytes = 246 * 1024;
/** The chat schema's limit on one text part (maxTurnLength × 4). */
const maxPartLength = 32_000;

/**
 * The request that froze the server in issue 15: a POST /api/chat of about 246 KB whose earlier
 * user turn is long seed text and whose question is the follow-up "What about Korea?".
 */
export function buildWorstCaseChatBody(sentences: readonly SeedSentence[]): string {
  const parts: Array<{ type: 'text'; text: string }> = [];
  let current = '';
  const body = () => JSON.stringify({
    messages: [
      { id: 'u1', role: 'user', parts: [...parts, ...(current ? [{ type: 'text' as const, text: current }] : [])] },
      { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Japan plans to buy 10,000 GPUs [1].' }] },
      { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'What about Korea?' }] },
    ],
  });
  for (let index = 0; Buffer.byteLength(body()) < worstCaseTargetBytes - 2_000; index += 1) {
    const sentence = sentences[index % sentences.length]!.text;
    if (current.length + sentence.length + 1 > maxPartLength) {
      parts.push({ type: 'text', text: current });
      current = '';
    }
    current += `${sentence} `;
  }
  return body();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the real server as a child process, keeps the worst-case /api/chat request in flight
 * (sent again whenever it finishes, each aborted after `worstCaseTimeoutMs`), and meanwhile
 * runs `connections` concurrent loops of POST /api/ask for `loadMs` (at most
 * `maxRequestsPerConnection` each, every request bounded by `requestTimeoutMs`), probing
 * /healthz every 250 ms. Always stops the child it started.
 */
export async function benchLoad(options: {
  args: string[];
  cwd: string;
  env: Record<string, string>;
  questions: readonly BenchQuestion[];
  worstCaseBody: string;
  connections: number;
  loadMs: number;
  maxRequestsPerConnection: number;
  requestTimeoutMs: number;
  worstCaseTimeoutMs: number;
  startupTimeoutMs: number;
}): Promise<LoadResult> {
  // The load starts once the background ingest has ended, so every ask meets the whole index.
  const server = await startBenchServer({ ...options, waitForIndex: true });
  try {
    const ask = async (index: number): Promise<boolean> => {
      const response = await fetch(`${server.baseUrl}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: options.questions[index % options.questions.length]!.question }),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      await response.arrayBuffer();
      return response.ok;
    };
    for (let index = 0; index < 20; index++) await ask(index);

    // The worst case is sent again each time it finishes, so one is in flight for the whole
    // load; the first starts early enough for its body to have arrived when the load begins.
    let loadDone = false;
    const worstCase = { bodyBytes: Buffer.byteLength(options.worstCaseBody), sent: 0, ok: 0, failed: 0, maxMs: 0 };
    const worstCaseLoop = (async () => {
      while (!loadDone) {
        const started = performance.now();
        worstCase.sent++;
        const ok = await fetch(`${server.baseUrl}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: options.worstCaseBody,
          signal: AbortSignal.timeout(options.worstCaseTimeoutMs),
        })
          .then(async (response) => (await response.arrayBuffer(), response.ok))
          .catch(() => false);
        worstCase.maxMs = Math.max(worstCase.maxMs, performance.now() - started);
        if (ok) worstCase.ok++;
        else worstCase.failed++;
      }
    })();
    await sleep(200);

    const latencies: number[] = [];
    let errors = 0;
    const loadStarted = performance.now();
    const deadline = loadStarted + options.loadMs;
    const healthLatencies: number[] = [];
    let healthFailures = 0;
    const probes = (async () => {
      while (performance.now() < deadline) {
        const probeStarted = performance.now();
        const ok = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(options.requestTimeoutMs) })
          .then(async (response) => (await response.arrayBuffer(), response.ok))
          .catch(() => false);
        healthLatencies.push(performance.now() - probeStarted);
        if (!ok) healthFailures++;
        await sleep(250);
      }
    })();
    await Promise.all(Array.from({ length: options.connections }, async (_, connection) => {
      for (let index = 0; index < options.maxRequestsPerConnection && performance.now() < deadline; index++) {
        const requestStarted = performance.now();
        const ok = await ask(connection * 7 + index).catch(() => false);
        latencies.push(performance.now() - requestStarted);
        if (!ok) errors++;
      }
    }));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    loadDone = true;
    await probes;
    await worstCaseLoop;
    const sortedLatencies = [...latencies].sort((left, right) => left - right);
    const sortedHealth = [...healthLatencies].sort((left, right) => left - right);
    return {
      connections: options.connections,
      loadMs: options.loadMs,
      requests: latencies.length,
      requestsPerSecond: latencies.length / loadSeconds,
      errors,
      latency: { ...summarizeLatencies(latencies), p99: percentile(sortedLatencies, 0.99) },
      health: { ...summarizeLatencies(healthLatencies), p99: percentile(sortedHealth, 0.99), failures: healthFailures },
      worstCase,
    };
  } finally {
    await server.stop();
  }
}
