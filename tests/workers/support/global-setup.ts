import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** `wrangler deploy --dry-run --outdir` output: worker.js plus the prompt text modules. */
    workerBundleDir: string;
    /** A local D1 (Miniflare persistence) with migrations/ applied by `wrangler d1 migrations apply --local`. */
    migratedD1Dir: string;
    /** wrangler's own report of the dry run (bindings, upload size). */
    dryRunOutput: string;
  }
}

/** Wrangler offline: no account, no metrics, no prompts. */
export function offlineWranglerEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };
  for (const name of Object.keys(environment)) if (name.startsWith('CLOUDFLARE_')) delete environment[name];
  return environment;
}

/**
 * Builds the Worker once for the whole suite, exactly as `wrangler deploy` would (offline dry
 * run), and prepares a migrated local D1 that each test file copies.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'cited-answers-workers-'));
  const workerBundleDir = path.join(workDir, 'bundle');
  const persistDir = path.join(workDir, 'persist');
  const wrangler = path.join(repoRoot, 'node_modules/wrangler/bin/wrangler.js');
  const options = { cwd: repoRoot, env: offlineWranglerEnvironment(), maxBuffer: 16 * 1024 * 1024 };
  const [dryRun] = await Promise.all([
    run(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', workerBundleDir], options),
    run(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], options),
  ]);
  project.provide('workerBundleDir', workerBundleDir);
  project.provide('migratedD1Dir', path.join(persistDir, 'v3/d1'));
  project.provide('dryRunOutput', `${dryRun.stdout}\n${dryRun.stderr}`);
  return () => rm(workDir, { recursive: true, force: true });
}
