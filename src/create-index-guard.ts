import path from 'node:path';
import { runIngest, type IngestOptions, type IngestSummary } from './ingest/run-ingest.js';
import type { LanceStore } from './adapters/lancedb-store.js';
import { verifyIndex, type IndexVerdict } from './adapters/verify-index.js';
import { acquireWriterLock } from './adapters/writer-lock.js';
import { isAppError } from './core/app-error.js';
import { sourceReadOptionsFrom, type Config } from './config.js';
import type { Logger } from './ports.js';
import type { Embedder } from './ports.js';

/** How long a verification result is reused by /healthz (ms). */
const verdictTtlMs = 5_000;

export interface IndexGuard {
  /**
   * Brings the index up to date with the sources under the DATA_DIR writer lock, verifying and
   * repairing it first. Resolves undefined when another writer held the lock for longer than
   * INGEST_LOCK_TIMEOUT_MS (that writer brings the index up to date instead), or with
   * `throwWhenLocked` throws AppError `unavailable:writer_lock`. Throws when the ingest fails,
   * or AppError `unavailable:index` on damage with repair turned off.
   */
  ingest(extra?: Partial<IngestOptions>, options?: { throwWhenLocked?: boolean }): Promise<IngestSummary | undefined>;
  /**
   * The index's verification, at most `verdictTtlMs` old. When it is not ok and repair is on,
   * a repair (a locked ingest) starts in the background.
   */
  check(): Promise<IndexVerdict>;
}

/** Ingest under the writer lock, start-up repair and the health check for the Node server. */
export function createIndexGuard(
  config: Config,
  deps: { store: LanceStore; embedder: Embedder | null; log: Logger; reportPath: string },
): IndexGuard {
  const { store, log } = deps;
  let cached: { verdict: IndexVerdict; at: number } | undefined;
  let repairing: Promise<unknown> | undefined;

  async function ingest(extra: Partial<IngestOptions> = {}, options: { throwWhenLocked?: boolean } = {}): Promise<IngestSummary | undefined> {
    let lock;
    try {
      lock = await acquireWriterLock(config.DATA_DIR, {
        timeoutMs: config.INGEST_LOCK_TIMEOUT_MS,
        onWait: (owner) => log.warn('writer-lock-wait', { owner, timeoutMs: config.INGEST_LOCK_TIMEOUT_MS }),
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable:writer_lock' && !options.throwWhenLocked) {
        log.warn('ingest-skipped', { reason: error.message });
        return undefined;
      }
      throw error;
    }
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
      });
      for (const repair of summary.repairs) log.warn('index-repaired', { repair });
      cached = undefined;
      return summary;
    } finally {
      await lock.release();
    }
  }

  async function check(): Promise<IndexVerdict> {
    if (cached && performance.now() - cached.at < verdictTtlMs) return cached.verdict;
    const verdict = await verifyIndex(store);
    cached = { verdict, at: performance.now() };
    if (verdict.state !== 'ok' && verdict.state !== 'missing') {
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

  return { ingest, check };
}
