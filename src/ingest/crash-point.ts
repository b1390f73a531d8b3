export type CrashPoint = 'after-passages' | 'after-rows' | 'after-index';

/**
 * Test-only fault injection for the fault suite (`npm run test:faults`): when the environment
 * variable CITED_ANSWERS_CRASH_AT names this point, the process kills itself with SIGKILL here,
 * exactly as `kill -9` would. Points: `after-passages` (a batch's passages are committed, its
 * document rows are not), `after-rows` (every row is written, no index is built), `after-index`
 * (indexes are built, the last snapshot is not published). Never set it in production.
 */
export function crashPoint(point: CrashPoint): void {
  if (process.env.CITED_ANSWERS_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * Test-only, like `crashPoint`: when CITED_ANSWERS_PAUSE_AT is `<point>:<ms>`, waits that long
 * here. The background-sync test pauses `after-passages` to widen the moment in which a reader
 * that did not keep to published snapshots would see a batch's passages without its documents.
 */
export async function pausePoint(point: CrashPoint): Promise<void> {
  const [name, ms] = (process.env.CITED_ANSWERS_PAUSE_AT ?? '').split(':');
  if (name === point && Number(ms) > 0) await new Promise((resolve) => setTimeout(resolve, Number(ms)));
}
