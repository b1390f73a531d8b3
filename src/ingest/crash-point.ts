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
