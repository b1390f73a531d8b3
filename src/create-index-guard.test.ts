import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLanceStore, type LanceStore } from './adapters/lancedb-store.js';
import { parseConfig } from './config.js';
import { createIndexGuard } from './create-index-guard.js';
import { createRecordingLogger, seedsDir } from '../tests/support/create-seeded-deps.js';

let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-guard-'));
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The store, with its passages table's index listing made slow and/or empty on demand: a
 * verification then takes `slowMs` longer, or finds the search indexes missing.
 */
function withFaults(store: LanceStore, faults: { slowMs: number; noIndexes: boolean }): LanceStore {
  return {
    ...store,
    async openSnapshotTables() {
      const tables = await store.openSnapshotTables();
      const passages = tables.passages;
      if (!passages) return tables;
      const listIndices = async () => {
        if (faults.slowMs > 0) await sleep(faults.slowMs);
        return faults.noIndexes ? [] : passages.listIndices();
      };
      return { ...tables, passages: new Proxy(passages, { get: (target, key) => (key === 'listIndices' ? listIndices : Reflect.get(target, key, target)) }) };
    },
  };
}

async function createGuard(faults: { slowMs: number; noIndexes: boolean }, timing: Parameters<typeof createIndexGuard>[2]) {
  const sourceDir = path.join(workDir, 'sources');
  await cp(seedsDir, sourceDir, { recursive: true });
  const config = parseConfig({ DATA_DIR: path.join(workDir, 'data'), SEEDS_DIR: sourceDir, EMBEDDINGS: 'none', LOG_LEVEL: 'silent', INDEX_AUTO_REPAIR: 'false' });
  const store = await openLanceStore(path.join(workDir, 'data', 'index'), { refreshMs: 0 });
  const { log } = createRecordingLogger();
  return createIndexGuard(config, { store: withFaults(store, faults), embedder: null, log, reportPath: path.join(workDir, 'report.json') }, timing);
}

describe('createIndexGuard: check() for /healthz', () => {
  it('verifies the snapshot the background sync published before anyone asks', async () => {
    const faults = { slowMs: 0, noIndexes: false };
    const guard = await createGuard(faults, { verdictTtlMs: 60_000, renewWaitMs: 100 });
    await guard.sync();
    await sleep(500);
    faults.slowMs = 1_500;
    const started = performance.now();
    expect((await guard.check()).state).toBe('ok');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers the verdict it has when a renewal is slow, and a renewal that comes in time', async () => {
    const faults = { slowMs: 0, noIndexes: false };
    const guard = await createGuard(faults, { verdictTtlMs: 0, renewWaitMs: 100 });
    await guard.ingest();
    expect((await guard.check()).state).toBe('ok');

    // The renewal takes 1.5 s and would find the indexes gone: the check answers the last verdict first.
    Object.assign(faults, { slowMs: 1_500, noIndexes: true });
    const started = performance.now();
    expect((await guard.check()).state).toBe('ok');
    expect(performance.now() - started).toBeLessThan(1_000);
    // Once that renewal is in, it is what the next check answers (while it renews again, slowly).
    await sleep(1_700);
    expect((await guard.check()).state).toBe('repairable');

    // A renewal that comes within the wait is answered at once.
    Object.assign(faults, { slowMs: 0, noIndexes: false });
    await sleep(1_700);
    expect((await guard.check()).state).toBe('ok');
  });
});
