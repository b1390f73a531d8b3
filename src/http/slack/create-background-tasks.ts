import type { Logger } from '../../ports.js';

export interface BackgroundTasks {
  /** Keeps a promise alive after the response and logs its failure; never rejects. */
  run(task: Promise<unknown>): void;
  /** Resolves once every pending task has settled (for shutdown and tests). */
  drain(): Promise<void>;
  readonly pending: number;
}

/**
 * The Node runner for work done after a response (Slack answers after the 3-second ack): a set
 * of pending promises. Workers use `executionCtx.waitUntil` instead.
 */
export function createBackgroundTasks(log: Logger): BackgroundTasks {
  const pending = new Set<Promise<unknown>>();
  return {
    run(task) {
      const tracked: Promise<unknown> = task
        .catch((error: unknown) => log.error('background-task-failed', { error: (error as Error)?.message }))
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    get pending() {
      return pending.size;
    },
  };
}
