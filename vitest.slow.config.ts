import { defineConfig } from 'vitest/config';

// Slow suites: integration runs over real LanceDB at scale, the full seed ingest, load tests.
export default defineConfig({
  test: {
    include: ['**/*.slow.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
