import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePublishConfig } from '../../src/ingest/publish-to-cloudflare.js';
import { isAppError } from '../../src/core/app-error.js';
import { publicBaseUrl, seedsDir, startCloudflareSide, type CloudflareSide } from './support/create-parity-apps.js';
import { repoRoot } from './support/global-setup.js';
import { d1DatabaseId, vectorizeIndexName } from './support/start-worker.js';

const run = promisify(execFile);

describe('npm run ingest -- --target cloudflare', () => {
  let cloudflare: CloudflareSide;
  let sourceDir: string;

  beforeAll(async () => {
    cloudflare = await startCloudflareSide();
    sourceDir = await mkdtemp(path.join(tmpdir(), 'cited-answers-seeds-'));
    await cp(seedsDir, sourceDir, { recursive: true });
  });
  afterAll(async () => {
    await cloudflare?.close();
    await rm(sourceDir, { recursive: true, force: true });
  });

  const count = async (sql: string, ...params: unknown[]) =>
    Number((await cloudflare.worker.database.prepare(sql).bind(...params).first<{ count: number }>())!.count);

  test('the first run publishes every passage to D1 and Vectorize with well-formed requests', async () => {
    const summary = await cloudflare.publish(sourceDir);
    expect(summary).toMatchObject({ documents: 5, written: 5, unchanged: 0, deleted: 0, embedder: '@cf/baai/bge-m3 (1024-d)' });

    const passages = await count('SELECT count(*) AS count FROM passages');
    expect(passages).toBe(summary.passages);
    expect(await count('SELECT count(*) AS count FROM passages_fts')).toBe(passages);
    expect(cloudflare.index.size).toBe(passages);
    expect(summary.vectorsUpserted).toBe(passages);

    const { requests } = cloudflare.api;
    expect(requests.every((request) => request.authorization === `Bearer ${cloudflare.api.apiToken}`)).toBe(true);
    for (const request of requests.filter((request) => request.path.startsWith('/d1/'))) {
      expect(request.path).toBe(`/d1/database/${d1DatabaseId}/query`);
      expect(request.contentType).toBe('application/json');
      const body = request.body as { sql: string; params: unknown[] };
      expect(typeof body.sql).toBe('string');
      expect(body.params.length).toBeLessThanOrEqual(100);
    }
    const upserts = requests.filter((request) => request.path.endsWith('/upsert'));
    expect(upserts.length).toBeGreaterThan(0);
    for (const upsert of upserts) {
      expect(upsert.path).toBe(`/vectorize/v2/indexes/${vectorizeIndexName}/upsert`);
      expect(upsert.contentType).toBe('application/x-ndjson');
      for (const line of upsert.body as Array<{ id: string; values: number[]; metadata: Record<string, unknown> }>) {
        expect(line.values).toHaveLength(1024);
        expect(Object.keys(line.metadata).sort()).toEqual(['doc_id', 'kind', 'language', 'paragraph']);
        expect(line.id.startsWith(`${line.metadata.doc_id}#p-${line.metadata.paragraph}`)).toBe(true);
      }
    }
    // Vector ids are the passage ids: every vector has its row in D1 and the other way round.
    const ids = (await cloudflare.worker.database.prepare('SELECT id FROM passages ORDER BY id').all<{ id: string }>()).results.map((row) => row.id);
    expect(cloudflare.index.getByIds(ids)).toHaveLength(ids.length);
    const embeddings = requests.filter((request) => request.path.startsWith('/ai/run/'));
    expect(embeddings.every((request) => request.path === '/ai/run/@cf/baai/bge-m3' && Array.isArray((request.body as { text: unknown }).text))).toBe(true);
  });

  test('a second run through the CLI writes nothing', async () => {
    const before = cloudflare.api.requests.length;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'ingest/main.ts', '--target', 'cloudflare', '--dir', sourceDir], {
      cwd: repoRoot,
      env: {
        ...process.env,
        CLOUDFLARE_ACCOUNT_ID: cloudflare.api.accountId,
        CLOUDFLARE_API_TOKEN: cloudflare.api.apiToken,
        CLOUDFLARE_D1_DATABASE_ID: d1DatabaseId,
        CLOUDFLARE_VECTORIZE_INDEX: vectorizeIndexName,
        CLOUDFLARE_API_BASE_URL: cloudflare.api.baseUrl,
      },
    });
    expect(stdout).toContain('Documents: 5 (0 written, 5 unchanged, 0 removed)');
    const requests = cloudflare.api.requests.slice(before);
    expect(requests.length).toBeGreaterThan(0);
    expect(cloudflare.api.writes().filter((request) => requests.includes(request))).toEqual([]);
  });

  test('a changed, a removed and a new document: only they are written, stale passages leave both stores', async () => {
    const shortened = path.join(sourceDir, '003_808edde6372417f9.txt');
    const paragraphs = (await readFile(shortened, 'utf8')).split('\n').filter((line) => line.trim());
    await writeFile(shortened, `${paragraphs.slice(0, 4).join('\n\n')}\n`);
    await unlink(path.join(sourceDir, '004_b31bb813d23850f5.txt'));
    await writeFile(
      path.join(sourceDir, '005_zephyrine.txt'),
      'The Zephyrine Bridge\n\nThe Zephyrine Bridge over the river Lys opened to traffic on 3 May 1893 after nine years of work.\n\nIts iron arches were cast in Liège and carried by barge to the site.\n',
    );
    const before004 = await count(`SELECT count(*) AS count FROM passages WHERE doc_id = '004_b31bb813d23850f5'`);
    const before003 = await count(`SELECT count(*) AS count FROM passages WHERE doc_id = '003_808edde6372417f9'`);
    expect(before004).toBeGreaterThan(0);

    const summary = await cloudflare.publish(sourceDir);
    expect(summary).toMatchObject({ documents: 5, written: 2, unchanged: 3, deleted: 1 });

    const after003 = await count(`SELECT count(*) AS count FROM passages WHERE doc_id = '003_808edde6372417f9'`);
    expect(after003).toBeLessThan(before003);
    expect(summary.vectorsDeleted).toBe(before004 + before003 - after003);
    expect(await count(`SELECT count(*) AS count FROM passages WHERE doc_id = '004_b31bb813d23850f5'`)).toBe(0);
    expect(await count(`SELECT count(*) AS count FROM documents WHERE doc_id = '004_b31bb813d23850f5'`)).toBe(0);
    const passages = await count('SELECT count(*) AS count FROM passages');
    expect(await count('SELECT count(*) AS count FROM passages_fts')).toBe(passages);
    expect(cloudflare.index.size).toBe(passages);
    // The FTS index follows the rows: the removed document's words are gone from it.
    expect(await count(`SELECT count(*) AS count FROM passages_fts WHERE passages_fts MATCH '"菜市场"'`)).toBe(0);

    const response = await cloudflare.worker.fetch(`${publicBaseUrl}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'When did the Zephyrine Bridge open?' }),
    });
    const answer = (await response.json()) as { refused: boolean; citations: Array<{ docId: string; quote: string }> };
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]).toMatchObject({ docId: '005_zephyrine' });
    expect(answer.citations[0]!.quote).toContain('3 May 1893');
  });

  test('missing settings are named', () => {
    let error: unknown;
    try {
      parsePublishConfig({});
    } catch (thrown) {
      error = thrown;
    }
    expect(isAppError(error) && error.code).toBe('bad_request:config');
    for (const name of ['CLOUDFLARE_ACCOUNT_ID', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_D1_DATABASE_ID']) expect((error as Error).message).toContain(name);
  });
});
