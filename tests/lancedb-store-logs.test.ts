import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';

const run = promisify(execFile);
let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-lance-logs-'));
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

it('creating and then resetting the index prints nothing from lance to stderr', async () => {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'tests/support/reset-lance-store.ts', path.join(workDir, 'index')], {
    // As `npm start` runs: lance's own default log filter, whatever the test runner's environment.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !['LANCEDB_LOG', 'RUST_LOG'].includes(name))),
  });
  expect(JSON.parse(stdout)).toEqual({ documents: 0, passages: 0, embedding: { modelId: 'test', dimension: 4 } });
  expect(stderr).toBe('');
});
