import { defineConfig } from 'vitest/config';

// `npm test` runs the fast unit and HTTP suites. Slow suites are named by suffix and run by
// their own scripts (see package.json): *.slow.test.ts, *.browser.test.ts, *.workers.test.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'ingest/**/*.test.ts', 'evals/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.slow.test.ts', '**/*.browser.test.ts', '**/*.workers.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
