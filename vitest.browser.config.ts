import { defineConfig } from 'vitest/config';

// Browser suites: Debian's Chromium driven by playwright-core against the real server.
export default defineConfig({
  test: {
    include: ['**/*.browser.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
