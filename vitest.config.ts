import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test` runs the fast unit and HTTP suites. Slow suites are named by suffix and run by
// their own scripts (see package.json): *.slow.test.ts, *.browser.test.ts, *.workers.test.ts, *.faults.test.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'ingest/**/*.test.ts', 'evals/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.slow.test.ts', '**/*.browser.test.ts', '**/*.workers.test.ts', '**/*.faults.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each test file re-importing the AI SDK, LanceDB, transformers.js and OpenCC cost two thirds
    // of the suite's time. No test stubs globals or mocks modules, so the files share their
    // workers' module caches. Two workers even on two cores: many tests wait on servers and timers.
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
