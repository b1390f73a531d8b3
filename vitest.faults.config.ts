import { defineConfig } from 'vitest/config';

// Fault suite (*.faults.test.ts): kill -9 during ingest, concurrent writers, damaged index files,
// a full disk on a small tmpfs, and hostile input, each compared with a clean ingest.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.faults.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
