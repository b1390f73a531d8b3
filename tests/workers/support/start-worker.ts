import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { D1Database } from '@cloudflare/workers-types/index.js';
import { Miniflare } from 'miniflare';
import { repoRoot } from './global-setup.js';

/** The D1 database id in wrangler.toml: local persistence is keyed by it. */
export const d1DatabaseId = '00000000-0000-0000-0000-000000000000';
export const vectorizeIndexName = 'cited-answers';

export interface StartedWorker {
  /** Sends a request to the Worker as the Workers runtime would receive it. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** The Worker's D1, for the fake REST API and for assertions. */
  database: D1Database;
  dispose(): Promise<void>;
}

// Vectorize and Workers AI cannot run locally. These wrapped bindings give the Worker objects
// with the bindings' methods and shapes that forward to the fake Cloudflare API in the test
// process, where the in-memory index and the deterministic embedder live.
const fakeVectorizeBinding = `
async function call(env, path, body, contentType = 'application/json') {
  const response = await fetch(env.API_URL + path, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: 'Bearer ' + env.API_TOKEN },
    body: contentType === 'application/json' ? JSON.stringify(body) : body,
  });
  const envelope = await response.json();
  if (!envelope.success) throw new Error(envelope.errors.map((error) => error.message).join('; '));
  return envelope.result;
}
export default function (env) {
  const index = '/vectorize/v2/indexes/' + env.INDEX_NAME;
  return {
    query: (vector, options = {}) => call(env, index + '/query', { vector: Array.from(vector), ...options }),
    upsert: (vectors) => call(env, index + '/upsert', vectors.map((vector) => JSON.stringify({ ...vector, values: Array.from(vector.values) })).join('\\n'), 'application/x-ndjson'),
    deleteByIds: (ids) => call(env, index + '/delete_by_ids', { ids }),
    describe: () => { throw new Error('describe is not faked'); },
  };
}`;

const fakeAiBinding = `
export default function (env) {
  return {
    async run(model, inputs) {
      const response = await fetch(env.API_URL + '/ai/run/' + model, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + env.API_TOKEN },
        body: JSON.stringify(inputs),
      });
      const envelope = await response.json();
      if (!envelope.success) throw new Error('AiError: ' + envelope.errors.map((error) => error.message).join('; '));
      return envelope.result;
    },
  };
}`;

async function readCompatibility(): Promise<{ date: string; flags: string[] }> {
  const toml = await readFile(path.join(repoRoot, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  return { date, flags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((match) => match[1]!) : [] };
}

/**
 * Runs the built Worker bundle in workerd through Miniflare: a real local D1 (a copy of the
 * migrated one), Vectorize and AI as wrapped bindings that call the fake Cloudflare API, and
 * the given vars.
 */
export async function startWorker(options: {
  bundleDir: string;
  migratedD1Dir: string;
  /** e.g. `http://127.0.0.1:1234/client/v4/accounts/test-account`. */
  apiAccountUrl: string;
  apiToken: string;
  vars?: Record<string, string>;
}): Promise<StartedWorker> {
  const persistDir = await mkdtemp(path.join(tmpdir(), 'cited-answers-d1-'));
  await cp(options.migratedD1Dir, persistDir, { recursive: true });
  const compatibility = await readCompatibility();
  const apiBindings = { API_URL: options.apiAccountUrl, API_TOKEN: options.apiToken };
  const miniflare = new Miniflare({
    d1Persist: persistDir,
    workers: [
      {
        name: 'cited-answers',
        modules: true,
        scriptPath: path.join(options.bundleDir, 'worker.js'),
        modulesRoot: options.bundleDir,
        modulesRules: [{ type: 'Text', include: ['**/*.md'] }],
        compatibilityDate: compatibility.date,
        compatibilityFlags: compatibility.flags,
        d1Databases: { DB: d1DatabaseId },
        bindings: { LOG_LEVEL: 'warn', ...options.vars },
        wrappedBindings: {
          VECTORIZE: { scriptName: 'fake-vectorize', bindings: { ...apiBindings, INDEX_NAME: vectorizeIndexName } },
          AI: { scriptName: 'fake-workers-ai', bindings: apiBindings },
        },
      },
      { name: 'fake-vectorize', modules: [{ type: 'ESModule', path: 'fake-vectorize.mjs', contents: fakeVectorizeBinding }] },
      { name: 'fake-workers-ai', modules: [{ type: 'ESModule', path: 'fake-workers-ai.mjs', contents: fakeAiBinding }] },
    ],
  });
  await miniflare.ready;
  const database = (await miniflare.getD1Database('DB')) as unknown as D1Database;
  return {
    fetch: async (url, init) => (await miniflare.dispatchFetch(url, init as never)) as unknown as Response,
    database,
    async dispose() {
      await miniflare.dispose();
      await rm(persistDir, { recursive: true, force: true });
    },
  };
}
