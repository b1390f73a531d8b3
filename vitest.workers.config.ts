import { defineConfig } from 'vitest/config';

// Workers suites (*.workers.test.ts): the Worker bundle built by `wrangler deploy --dry-run`,
// run in workerd through Miniflare with a real local D1 and fakes for Vectorize and Workers AI,
// compared with the Node server over LanceDB. The bundle is built once in the global setup.
export default defineConfig({
  test: {
    include: ['tests/workers/**/*.workers.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['tests/workers/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
