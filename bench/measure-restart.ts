import { spawn } from 'node:child_process';
import path from 'node:path';
import { readMemoryMb } from './bench-server-memory.js';
import { findFreePort, stopChild } from './start-bench-server.js';

export interface RestartRun {
  healthMs: number;
  firstAnswerMs: number;
  idleRssMb: number;
}

export interface RestartResult {
  runs: RestartRun[];
  medianHealthMs: number;
  medianFirstAnswerMs: number;
  medianIdleRssMb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Polls `attempt` every 10 ms (connection refused counts as not yet) until it returns true. */
async function pollUntil(attempt: () => Promise<boolean>, deadline: number, what: string): Promise<void> {
  for (;;) {
    if (await attempt().catch(() => false)) return;
    if (performance.now() > deadline) throw new Error(`${what} did not happen in time`);
    await sleep(10);
  }
}

/**
 * One restart of the real server (`node <args>` from `cwd`) over an index that is already
 * current: the time from spawning the process to the first 200 from /healthz and to the first
 * answered (cited, not refused) POST /api/ask, both polled from the moment of the spawn, then
 * the process's RSS after a few more questions and 3 s of idle.
 */
export async function measureRestartOnce(options: { args: string[]; cwd: string; env: Record<string, string>; question: string; timeoutMs?: number }): Promise<RestartRun> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const deadline = started + (options.timeoutMs ?? 60_000);
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ask = async () => {
    const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: options.question }) });
    const body = (await response.json()) as { refused?: boolean; citations?: unknown[] };
    return response.ok && body.refused === false && (body.citations?.length ?? 0) > 0;
  };
  try {
    const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('').slice(-500)}`))));
    exited.catch(() => undefined);
    let healthMs = Number.NaN;
    let firstAnswerMs = Number.NaN;
    await Promise.race([
      exited,
      Promise.all([
        pollUntil(async () => {
          const response = await fetch(`${base}/healthz`);
          await response.arrayBuffer();
          return response.status === 200;
        }, deadline, '/healthz 200').then(() => (healthMs = performance.now() - started)),
        pollUntil(ask, deadline, 'a first answer').then(() => (firstAnswerMs = performance.now() - started)),
      ]),
    ]);
    for (let index = 0; index < 5; index++) await ask();
    // Long enough for the start-up sync and the OpenCC warm-up after it to have run.
    await sleep(3_000);
    return { healthMs, firstAnswerMs, idleRssMb: (await readMemoryMb(child.pid!)).rss };
  } finally {
    await stopChild(child);
  }
}

/** `runs` restarts in a row (the first after a warm-up start that also builds the bundle), with medians. */
export async function measureRestart(options: Parameters<typeof measureRestartOnce>[0] & { runs: number }): Promise<RestartResult> {
  await measureRestartOnce(options); // builds the bundle if the sources changed, and brings the index up to date
  const runs: RestartRun[] = [];
  for (let index = 0; index < options.runs; index++) runs.push(await measureRestartOnce(options));
  return {
    runs,
    medianHealthMs: median(runs.map((run) => run.healthMs)),
    medianFirstAnswerMs: median(runs.map((run) => run.firstAnswerMs)),
    medianIdleRssMb: median(runs.map((run) => run.idleRssMb)),
  };
}

// `tsx bench/measure-restart.ts [--runs N] [--data-dir DIR] [--root CHECKOUT]`: restarts
// `npm start` on the seeds (of another checkout with --root, to compare before and after).
if (import.meta.url === `file://${process.argv[1]}`) {
  const flag = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const repoRoot = path.resolve(flag('--root') ?? path.join(import.meta.dirname, '..'));
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dataDir = flag('--data-dir') ?? (await mkdtemp(path.join(tmpdir(), 'cited-restart-')));
  try {
    const result = await measureRestart({
      args: ['scripts/start.mjs'],
      cwd: repoRoot,
      env: { DATA_DIR: dataDir, SEEDS_DIR: path.join(repoRoot, 'seeds'), EMBEDDINGS: 'none' },
      question: 'How much did SoftBank invest in OpenAI?',
      runs: Number(flag('--runs') ?? 5),
    });
    for (const run of result.runs) console.log(`/healthz ${Math.round(run.healthMs)} ms, first answer ${Math.round(run.firstAnswerMs)} ms, idle RSS ${Math.round(run.idleRssMb)} MB`);
    console.log(`median: /healthz ${Math.round(result.medianHealthMs)} ms, first answer ${Math.round(result.medianFirstAnswerMs)} ms, idle RSS ${Math.round(result.medianIdleRssMb)} MB`);
  } finally {
    if (!flag('--data-dir')) await rm(dataDir, { recursive: true, force: true });
  }
}
