import { serve, type ServerType } from '@hono/node-server';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeededDeps, seedsDir } from '../support/create-seeded-deps.js';
import { newestDataFile, truncateToHalf } from '../support/index-fixtures.js';
import { sendWorstFollowUp } from '../support/send-worst-follow-up.js';
import { startServerProcess, type ServerProcess } from '../support/start-server-process.js';
import { runIngestCli } from './run-cli.js';

let workDir: string;
let environment: Record<string, string>;
let server: ServerProcess | undefined;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-server-faults-'));
  await cp(seedsDir, path.join(workDir, 'sources'), { recursive: true });
  environment = { DATA_DIR: path.join(workDir, 'data'), SEEDS_DIR: path.join(workDir, 'sources'), EMBEDDINGS: 'none' };
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(workDir, { recursive: true, force: true });
});

const indexDir = () => path.join(environment.DATA_DIR!, 'index');

async function ask(url: string): Promise<number> {
  const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'How much did SoftBank invest in OpenAI?' }) });
  await response.arrayBuffer();
  return response.status;
}

describe('the server over a damaged index', () => {
  it('with repair off it starts, says so, and /healthz answers 503; with repair on it rebuilds at start', async () => {
    expect((await runIngestCli(environment)).code).toBe(0);
    await rm(await newestDataFile(indexDir(), 'passages'));
    server = await startServerProcess({ ...environment, INDEX_AUTO_REPAIR: 'false' });
    expect(server.output.join('')).toMatch(/"event":"index-damaged"/);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', index: { state: 'damaged' } });
    await server.stop();

    server = await startServerProcess(environment);
    expect(server.output.join('')).toMatch(/rebuilt a damaged index/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await ask(server.url)).toBe(200);
  });

  it('a data file truncated while it runs: /healthz turns 503, never ok over the damage, and the server repairs itself', async () => {
    server = await startServerProcess(environment);
    await truncateToHalf(await newestDataFile(indexDir(), 'passages'));
    const statuses: number[] = [];
    const deadline = Date.now() + 60_000;
    let sawUnavailable = false;
    while (Date.now() < deadline) {
      const health = await fetch(`${server.url}/healthz`);
      await health.arrayBuffer();
      statuses.push(health.status);
      if (health.status === 503) sawUnavailable = true;
      // Once it says ok again, questions must be answered.
      if (sawUnavailable && health.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(sawUnavailable).toBe(true);
    expect(statuses.at(-1)).toBe(200);
    expect(await ask(server.url)).toBe(200);
    expect(server.output.join('')).toMatch(/"event":"index-repaired"/);
  });
});

describe('the worst follow-up', () => {
  it('a 246 KB POST /api/chat blocks the event loop for under 100 ms while /healthz answers', async () => {
    const seeded = await createSeededDeps();
    const app = seeded.createTestApp({ checkIndex: seeded.indexGuard.check });
    const local: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => local.once('listening', resolve));
    try {
      const run = await sendWorstFollowUp(`http://127.0.0.1:${(local.address() as AddressInfo).port}`);
      console.info(`246 KB follow-up: ${run.bodyBytes} bytes, event-loop max delay ${run.maxDelayMs.toFixed(1)} ms, ${run.healthProbes} /healthz probes, slowest ${run.slowestHealthMs.toFixed(1)} ms`);
      expect(run.status).toBe(200);
      expect(run.maxDelayMs).toBeLessThan(100);
      expect(run.healthProbes).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => local.close(resolve));
      await seeded.cleanup();
    }
  });
});
