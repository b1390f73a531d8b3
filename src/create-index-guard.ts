import path from 'node:path';
import { runIngest, type IngestOptions, type IngestSummary } from './ingest/run-ingest.js';
import type { LanceStore } from './adapters/lancedb-store.js';
import { verifyIndex, type IndexVerdict } from './adapters/verify-index.js';
import { acquireWriterLock } from './adapters/writer-lock.js';
import { isAppError } from './core/app-error.js';
import { sourceReadOptionsFrom, type Config } from './config.js';
import type { IndexingStatus } from './http/create-app.js';
import type { Logger } from './ports.js';
import type { Embedder } from './ports.js';

/** How long a verification result is reused by /healthz (ms), while the snapshot stays the same. */
const defaultVerdictTtlMs = 5_000;
/** How long /healthz waits for a renewed verification (ms) before it answers the one it has. */
const defaultRenewWaitMs = 50;
/** At most one `indexing-progress` log line per this many ms. */
const progressLogMs = 2_000;

export interface IndexGuard {
  /**
   * Brings the index up to date with the sources under the DATA_DIR writer lock, verifying and
   * repairing it first. Resolves undefined when another writer held the lock for longer than
   * INGEST_LOCK_TIMEOUT_MS (that writer brings the index up to date instead), or with
   * `throwWhenLocked` throws AppError `unavailable:writer_lock`. Throws when the ingest fails,
   * or AppError `unavailable:index` on damage with repair turned off. Its progress shows in
   * `status()`.
   */
  ingest(extra?: Partial<IngestOptions>, options?: { throwWhenLocked?: boolean }): Promise<IngestSummary | undefined>;
  /**
   * Runs `ingest` in the background of a serving process: logs `indexing-started`,
   * `indexing-progress` (every 2 s at most) and how it ended (`index-ready` with the summary,
   * `index-damaged`, `ingest-skipped` or `indexing-failed`). Never rejects.
   */
  sync(): Promise<IngestSummary | undefined>;
  /** The running ingest's progress, or how the last one ended. */
  status(): IndexingStatus;
  /**
   * The index's verification, of the snapshot readers see now, renewed once it is `verdictTtlMs`
   * old: the renewed one when it comes within `renewWaitMs`, else the one before (and the renewal
   * serves the next call); likewise a look for a newer snapshot that takes longer than that
   * answers the last verdict. When it is not ok and repair is on, a repair (a locked ingest)
   * starts in the background, except for rows a running ingest has yet to index.
   */
  check(): Promise<IndexVerdict>;
}

/** The promise's value when it settles within `ms`, else `fallback` (the promise goes on). */
async function settleWithin<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a run did, in numbers, for the log and /healthz. */
function countsOf(summary: IngestSummary) {
  const { documents, written, unchanged, deleted, passages, ms } = summary;
  return { documents, written, unchanged, deleted, passages, skipped: summary.skipped.length, ms };
}

/** Ingest under the writer lock, start-up repair and the health check for the Node server. */
export function createIndexGuard(
  config: Config,
  deps: {
    store: LanceStore;
    embedder: Embedder | null;
    log: Logger;
    reportPath: string;
    /** Called after every ingest that completes (the start-up sync, a repair). */
    onIngested?: (summary: IngestSummary) => void | Promise<void>;
  },
  timing: { verdictTtlMs?: number; renewWaitMs?: number } = {},
): IndexGuard {
  const { verdictTtlMs = defaultVerdictTtlMs, renewWaitMs = defaultRenewWaitMs } = timing;
  const { store, log } = deps;
  let cached: { verdict: IndexVerdict; at: number; snapshotId: string } | undefined;
  let verifying: { snapshotId: string; verdict: Promise<IndexVerdict> } | undefined;
  let repairing: Promise<unknown> | undefined;
  let status: IndexingStatus = { state: 'idle' };
  // This process's ingests run one after another, so one status describes the one running.
  let queue: Promise<unknown> = Promise.resolve();
  const now = () => new Date().toISOString();

  function ingest(extra: Partial<IngestOptions> = {}, options: { throwWhenLocked?: boolean } = {}): Promise<IngestSummary | undefined> {
    const run = queue.then(() => ingestLocked(extra, options));
    queue = run.catch(() => undefined);
    return run;
  }

  async function ingestLocked(extra: Partial<IngestOptions>, options: { throwWhenLocked?: boolean }): Promise<IngestSummary | undefined> {
    let lock;
    status = { state: 'waiting', since: now() };
    try {
      lock = await acquireWriterLock(config.DATA_DIR, {
        timeoutMs: config.INGEST_LOCK_TIMEOUT_MS,
        onWait: (owner) => log.warn('writer-lock-wait', { owner, timeoutMs: config.INGEST_LOCK_TIMEOUT_MS }),
      });
    } catch (error) {
      status = { state: isAppError(error) && error.code === 'unavailable:writer_lock' ? 'skipped' : 'failed', finishedAt: now(), reason: (error as Error).message };
      if (isAppError(error) && error.code === 'unavailable:writer_lock' && !options.throwWhenLocked) {
        log.warn('ingest-skipped', { reason: error.message });
        return undefined;
      }
      throw error;
    }
    const startedAt = now();
    status = { state: 'running', phase: 'checking', done: 0, total: 0, startedAt };
    try {
      const summary = await runIngest({
        sourceDir: path.resolve(config.SEEDS_DIR),
        store,
        embedder: deps.embedder,
        reportPath: deps.reportPath,
        fileBudgetMs: config.INGEST_FILE_BUDGET_MS,
        repair: config.INDEX_AUTO_REPAIR,
        read: sourceReadOptionsFrom(config),
        ...extra,
        onListed: (event) => {
          status = { state: 'running', phase: 'files', done: event.done, total: event.total, startedAt };
          extra.onListed?.(event);
        },
        onProgress: (event) => {
          status = { state: 'running', phase: 'files', done: event.done, total: event.total, startedAt };
          extra.onProgress?.(event);
        },
        onIndexing: () => {
          if (status.state === 'running') status = { ...status, phase: 'indexes' };
          extra.onIndexing?.();
        },
      });
      for (const repair of summary.repairs) log.warn('index-repaired', { repair });
      cached = undefined;
      status = { state: 'done', finishedAt: now(), ...countsOf(summary), repairs: summary.repairs.length };
      await deps.onIngested?.(summary);
      return summary;
    } catch (error) {
      cached = undefined;
      status = { state: 'failed', finishedAt: now(), reason: isAppError(error) ? error.message : 'the ingest failed; see the log' };
      throw error;
    } finally {
      await lock.release();
    }
  }

  async function sync(): Promise<IngestSummary | undefined> {
    log.info('indexing-started', { sourceDir: path.resolve(config.SEEDS_DIR) });
    let loggedAt = performance.now();
    try {
      const summary = await ingest({
        onProgress: ({ done, total }) => {
          if (performance.now() - loggedAt < progressLogMs) return;
          loggedAt = performance.now();
          log.info('indexing-progress', { done, total });
        },
        onIndexing: () => log.info('indexing-progress', { phase: 'indexes' }),
      });
      if (summary) {
        log.info('index-ready', { ...countsOf(summary), repairs: summary.repairs, embedder: summary.embedder });
        // The server's new snapshot is verified now, so the first /healthz after it need not wait for that.
        void store.openSnapshotTables().then((tables) => verifyOnce(tables.id)).catch(() => undefined);
      }
      return summary;
    } catch (error) {
      // With INDEX_AUTO_REPAIR=false a damaged index is reported, not rebuilt: the server keeps
      // serving, says so in the log and answers 503 on /healthz.
      if (isAppError(error) && error.code === 'unavailable:index') log.error('index-damaged', { message: error.message });
      else log.error('indexing-failed', { error: (error as Error).message });
      return undefined;
    }
  }

  async function check(): Promise<IndexVerdict> {
    // Under load every read of the index waits behind the asks' queries, and /healthz would wait
    // with it (0.4 s at p50 under 50 connections): what takes longer than `renewWaitMs` is
    // answered from what is known, and goes on behind the answer for the next call.
    const opened = store.openSnapshotTables().then((tables) => tables.id, () => '');
    const snapshotId = cached ? await settleWithin(opened, renewWaitMs, cached.snapshotId) : await opened;
    if (!cached || cached.snapshotId !== snapshotId) return verifyOnce(snapshotId);
    const known = cached.verdict;
    if (performance.now() - cached.at < verdictTtlMs) return known;
    return settleWithin(verifyOnce(snapshotId).catch(() => known), renewWaitMs, known);
  }

  /** One verification of a snapshot at a time: callers that ask while one runs share it. */
  function verifyOnce(snapshotId: string): Promise<IndexVerdict> {
    if (verifying?.snapshotId === snapshotId) return verifying.verdict;
    const verdict = verify(snapshotId).finally(() => {
      if (verifying?.verdict === verdict) verifying = undefined;
    });
    verifying = { snapshotId, verdict };
    return verdict;
  }

  async function verify(snapshotId: string): Promise<IndexVerdict> {
    const verdict = await verifyIndex(store);
    cached = { verdict, at: performance.now(), snapshotId };
    // The running ingest indexes what it has published when it ends.
    const pendingOnSync = status.state === 'running' && verdict.state === 'repairable';
    if (verdict.state !== 'ok' && verdict.state !== 'missing' && !pendingOnSync) {
      log.error('index-unhealthy', { state: verdict.state, problems: verdict.problems, repair: config.INDEX_AUTO_REPAIR });
      if (config.INDEX_AUTO_REPAIR && !repairing) {
        repairing = ingest()
          .catch((error: unknown) => log.error('index-repair-failed', { error: (error as Error).message }))
          .finally(() => {
            repairing = undefined;
            cached = undefined;
          });
      }
    }
    return verdict;
  }

  return { ingest, sync, status: () => status, check };
}
