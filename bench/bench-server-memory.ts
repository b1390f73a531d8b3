import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import type { BenchQuestion } from './build-bench-questions.js';
import { summarizeLatencies, type LatencySummary } from './measure-latency.js';

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

export async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.listen(0, '127.0.0.1', resolve).once('error', reject));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
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
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    let startupMs = 0;
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not log "listening" and "index-ready" within ${options.startupTimeoutMs} ms: ${stderr.join('').slice(-500)}`)), options.startupTimeoutMs);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('').slice(-500)}`)));
      let url = '';
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('"listening"')) {
          startupMs = performance.now() - started;
          url = (JSON.parse(line) as { url: string }).url;
        }
        if (!line.includes('"index-ready"')) return;
        clearTimeout(timer);
        resolve(url);
      });
    });
    const syncedMs = performance.now() - started;
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
    const idle = await readMemoryMb(child.pid!);

    let peakRss = idle.rss;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, (await readMemoryMb(child.pid!)).rss);
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
    const end = await readMemoryMb(child.pid!);
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
    await stopChild(child);
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
