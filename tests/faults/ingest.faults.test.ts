import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/run-ingest.js';
import { openLanceStore } from '../../src/adapters/lancedb-store.js';
import { verifyIndex } from '../../src/adapters/verify-index.js';
import { writerLockFileName } from '../../src/adapters/writer-lock.js';
import { seedsDir } from '../support/create-seeded-deps.js';
import { readIndexRows } from '../support/index-fixtures.js';
import { makeLongParagraph } from '../support/make-long-paragraph.js';
import { runIngestCli } from './run-cli.js';

let workDir: string;
let dataDir: string;
let sourceDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-faults-'));
  dataDir = path.join(workDir, 'data');
  sourceDir = path.join(workDir, 'sources');
  await cp(seedsDir, sourceDir, { recursive: true });
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

const environment = () => ({ DATA_DIR: dataDir, SEEDS_DIR: sourceDir });
const indexDir = () => path.join(dataDir, 'index');

/** The rows a clean ingest of the current sources gives, in a folder of its own. */
async function cleanRows(): Promise<Awaited<ReturnType<typeof readIndexRows>>> {
  const cleanDir = await mkdtemp(path.join(workDir, 'clean-'));
  await runIngest({ sourceDir, store: await openLanceStore(cleanDir), embedder: null, reportPath: path.join(cleanDir, 'report.json') });
  return readIndexRows(cleanDir);
}

/** An incremental change: one document edited, one added, one removed. */
async function changeSources(): Promise<void> {
  await appendFile(path.join(sourceDir, '001_d38a6fc719d6b211.txt'), '\n\nSoftBank later sold its zyxquartz holdings.\n');
  await writeFile(path.join(sourceDir, 'added.txt'), 'Added later\n\nThe Korean government will buy 18,000 GPUs.\n');
  await rm(path.join(sourceDir, '004_b31bb813d23850f5.txt'));
}

async function expectEqualsCleanIngest(): Promise<void> {
  const verdict = await verifyIndex(await openLanceStore(indexDir()));
  expect(verdict.problems).toEqual([]);
  expect(verdict.state).toBe('ok');
  expect(await readIndexRows(indexDir())).toEqual(await cleanRows());
}

describe('kill -9 during an ingest, then a rerun', () => {
  const points = ['after-passages', 'after-rows', 'after-index'] as const;
  it.each(points.flatMap((point) => [{ point, run: 'fresh' }, { point, run: 'incremental' }]))(
    '$run ingest killed $point converges to a clean ingest',
    async ({ point, run }) => {
      if (run === 'incremental') {
        expect((await runIngestCli(environment())).code).toBe(0);
        await changeSources();
      }
      const killed = await runIngestCli({ ...environment(), CITED_ANSWERS_CRASH_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      // Whatever the reader sees in between is a published, consistent snapshot, never "ok" over a broken one.
      const between = await verifyIndex(await openLanceStore(indexDir()));
      if (between.state === 'ok') await readIndexRows(indexDir());
      const rerun = await runIngestCli(environment());
      expect(rerun.code, rerun.output).toBe(0);
      await expectEqualsCleanIngest();
    },
  );
});

describe('two writers on one DATA_DIR', () => {
  it('two concurrent ingests both finish, one after the other, with no duplicate rows', async () => {
    const [first, second] = await Promise.all([runIngestCli(environment()), runIngestCli(environment())]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    expect(first.output + second.output).toMatch(/Waiting for another writer: pid \d+/);
    await expectEqualsCleanIngest();
  });

  it('a second writer that may not wait exits with a clear message and changes nothing', async () => {
    await mkdir(dataDir, { recursive: true });
    // A live owner: this test process.
    await writeFile(path.join(dataDir, writerLockFileName), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: 'npm start' }));
    const refused = await runIngestCli({ ...environment(), INGEST_LOCK_TIMEOUT_MS: '0' });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/unavailable:writer_lock: Another writer holds .*writer\.lock: pid \d+ .*\(npm start\)/);
    await rm(path.join(dataDir, writerLockFileName));
    expect((await runIngestCli(environment())).code).toBe(0);
    await expectEqualsCleanIngest();
  });
});

describe('a full disk', () => {
  it('an ingest that runs out of space fails, never leaves an ok verdict over broken data, and the next run converges', async (context) => {
    const mountPoint = path.join(workDir, 'small-disk');
    await mkdir(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1500k', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      context.skip(`cannot mount a small tmpfs here (needs root and mount rights): ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      dataDir = path.join(mountPoint, 'data');
      // Random words, which compress poorly, so the index outgrows the disk.
      const words = randomBytes(1_500_000).toString('base64').match(/.{1,8}/g)!;
      await writeFile(path.join(sourceDir, 'long.txt'), `Random\n\n${words.join(' ')}.\n`);
      const full = await runIngestCli(environment());
      expect(full.code).not.toBe(0);
      expect(full.output).toMatch(/No space left on device|ENOSPC|os error 28/i);
      const between = await verifyIndex(await openLanceStore(indexDir()));
      if (between.state === 'ok') await readIndexRows(indexDir());
      // Space is freed (the disk grows, the oversize source goes away); the next run completes.
      execFileSync('mount', ['-o', 'remount,size=16m', mountPoint]);
      await rm(path.join(sourceDir, 'long.txt'));
      const rerun = await runIngestCli(environment());
      expect(rerun.code, rerun.output).toBe(0);
      await expectEqualsCleanIngest();
    } finally {
      // Lazily: this process still holds the index files it verified on the small disk.
      execFileSync('umount', ['-l', mountPoint]);
    }
  });
});

describe('hostile sources', () => {
  it('a 2 MB paragraph with no blank line is ingested in seconds', async () => {
    await writeFile(path.join(sourceDir, 'long.txt'), makeLongParagraph(2_000_000));
    const started = performance.now();
    const run = await runIngestCli(environment());
    const ms = performance.now() - started;
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Skipped files: 0/);
    console.info(`2 MB paragraph: CLI ingest of seeds + 2 MB took ${(ms / 1000).toFixed(1)} s`);
    expect(ms).toBeLessThan(60_000);
    await expectEqualsCleanIngest();
  });
});
