import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareSourceFile, type PrepareContext, type PrepareTask, type SourcePreparation } from './prepare-source-file.js';

export interface PreparePool {
  prepare(task: PrepareTask, context: PrepareContext): Promise<SourcePreparation>;
  close(): Promise<void>;
}

/**
 * The worker: the bundled `prepare-worker.js` beside this module in a build, else the
 * TypeScript source through prepare-worker-source.mjs (tsx, installed in development).
 */
function createWorker(): Worker {
  const bundled = new URL('./prepare-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled);
  return new Worker(new URL('./prepare-worker-source.mjs', import.meta.url));
}

/**
 * Prepares source files on `size` worker threads (read, hash, clean, split, search text), so
 * ingest uses every core; each task goes to the worker with the fewest in flight. With size 0
 * it prepares on the calling thread. `close` ends the workers.
 */
export function createPreparePool(size: number): PreparePool {
  if (size <= 0) return { prepare: prepareSourceFile, close: async () => undefined };
  const pending = new Map<number, { resolve: (result: SourcePreparation) => void; task: PrepareTask; context: PrepareContext }>();
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = createWorker();
    const state = { worker, inFlight: 0, failure: undefined as Error | undefined };
    worker.on('message', ({ id, result }: { id: number; result: SourcePreparation }) => {
      state.inFlight--;
      pending.get(id)?.resolve(result);
      pending.delete(id);
    });
    worker.on('error', (error: Error) => {
      state.failure = error;
      // What a dead worker held is prepared on this thread; the rest goes to the other workers
      // (or here, when none is left). A file is never reported skipped for a worker's failure.
      for (const [id, entry] of pending) {
        if (ownerOf.get(id) !== state) continue;
        pending.delete(id);
        void prepareSourceFile(entry.task, entry.context).then(entry.resolve);
      }
    });
    return state;
  });
  const ownerOf = new Map<number, (typeof workers)[number]>();
  return {
    prepare(task, context) {
      const alive = workers.filter((state) => !state.failure);
      if (alive.length === 0) return prepareSourceFile(task, context);
      const state = alive.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least));
      const id = nextId++;
      state.inFlight++;
      ownerOf.set(id, state);
      return new Promise((resolve) => {
        pending.set(id, {
          task,
          context,
          resolve: (result) => {
            ownerOf.delete(id);
            resolve(result);
          },
        });
        state.worker.postMessage({ id, task, context });
      });
    },
    async close() {
      await Promise.all(workers.map((state) => state.worker.terminate()));
    },
  };
}
