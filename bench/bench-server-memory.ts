import { readFile } from 'node:fs/promises';
import type { BenchQuestion } from './build-bench-questions.js';
import { summarizeLatencies, type LatencySummary } from './measure-latency.js';
import { startBenchServer } from './start-bench-server.js';

export interface ServerMemoryResult {
  command: string;
  /** Until the `listening` log line. */
  startupMs: number;
  /** Until the background ingest it starts then has ended (`index-ready`). */
  syncedMs: number;
  idleRssMb: number;
  peakRssMb: number;
  /** The kernel's high-water mark at the end: includes the start-up ingest. */
  highWaterMb: number;
  clients: number;
  requests: number;
  requestsPerSecond: number;
  failures: number;
  latency: LatencySummary;
}

export async function readMemoryMb(pid: number): Promise<{ rss: number; highWater: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes('VmRSS') / 1024, highWater: kilobytes('VmHWM') / 1024 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the real server as a child process (`args` after `node`, from `cwd`), waits for its
 * "listening" log line and for its background ingest to end ("index-ready"), warms it up, reads VmRSS at idle, then runs `clients` concurrent loops
 * of POST /api/ask for `loadMs` (and at most `maxRequestsPerClient` each), sampling VmRSS
 * every 50 ms for the peak. Always stops the child it started.
 */
export async function benchServerMemory(options: {
  args: string[];
  cwd: string;
  env: Record<string, string>;
  questions: readonly BenchQuestion[];
  clients: number;
  loadMs: number;
  maxRequestsPerClient: number;
  startupTimeoutMs: number;
}): Promise<ServerMemoryResult> {
  const server = await startBenchServer({ ...options, waitForIndex: true });
  const { baseUrl, startupMs, pid } = server;
  const syncedMs = server.syncedMs!;
  try {
    const ask = async (index: number) => {
      const response = await fetch(`${baseUrl}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: options.questions[index % options.questions.length]!.question }),
      });
      await response.arrayBuffer();
      return response.ok;
    };
    for (let index = 0; index < 20; index++) await ask(index);
    await sleep(1_000);
    const idle = await readMemoryMb(pid);

    let peakRss = idle.rss;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, (await readMemoryMb(pid)).rss);
        await sleep(50);
      }
    })();
    const latencies: number[] = [];
    let failures = 0;
    const loadStarted = performance.now();
    const deadline = loadStarted + options.loadMs;
    await Promise.all(Array.from({ length: options.clients }, async (_, client) => {
      for (let index = 0; index < options.maxRequestsPerClient && performance.now() < deadline; index++) {
        const requestStarted = performance.now();
        const ok = await ask(client * 7 + index).catch(() => false);
        latencies.push(performance.now() - requestStarted);
        if (!ok) failures++;
      }
    }));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    sampling = false;
    await sampler;
    const end = await readMemoryMb(pid);
    return {
      command: `node ${options.args.join(' ')}`,
      startupMs,
      syncedMs,
      idleRssMb: idle.rss,
      peakRssMb: Math.max(peakRss, end.rss),
      highWaterMb: end.highWater,
      clients: options.clients,
      requests: latencies.length,
      requestsPerSecond: latencies.length / loadSeconds,
      failures,
      latency: summarizeLatencies(latencies),
    };
  } finally {
    await server.stop();
  }
}
