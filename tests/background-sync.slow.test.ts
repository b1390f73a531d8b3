import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngestCli } from './faults/run-cli.js';
import { seedsDir } from './support/create-seeded-deps.js';
import { startServerProcess, type ServerProcess } from './support/start-server-process.js';

// `npm start` serves at once and syncs its sources in the background (issue 12, item 3): while
// 2,000 new documents are ingested, questions are answered, and every answer cites only
// documents whose rows were in a snapshot published before the answer came back.

const newDocuments = 2_000;
let workDir: string;
let sourceDir: string;
let dataDir: string;
let server: ServerProcess | undefined;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-background-sync-'));
  sourceDir = path.join(workDir, 'sources');
  dataDir = path.join(workDir, 'data');
  await cp(seedsDir, sourceDir, { recursive: true });
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(workDir, { recursive: true, force: true });
});

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'fi', 'gu', 'ha', 'je', 'bu', 'ro', 'wi', 'ya', 'xo'];

/** A made-up place name per index (no digits, so it is one plain search token): 7 → "vokaka". */
function placeName(index: number): string {
  let name = '';
  for (let rest = index, places = 0; places < 3; places++, rest = Math.floor(rest / syllables.length)) name += syllables[rest % syllables.length];
  return `${name}mora`;
}

/** Short documents: two paragraphs, each naming its town, with one fact of its own. */
async function writeNewDocuments(): Promise<void> {
  await Promise.all(Array.from({ length: newDocuments }, (_, index) => {
    const town = placeName(index);
    const text = [
      `The lantern festival of ${town[0]!.toUpperCase()}${town.slice(1)}`,
      `The lantern festival of ${town} is held every spring in the river valley, and ${1_000 + index} paper lanterns are released over the water at dusk.`,
      `Visitors reach ${town} by the old railway line; the festival ends with a concert of folk music in the main square.`,
    ].join('\n\n');
    return writeFile(path.join(sourceDir, `lantern-${String(index).padStart(4, '0')}.txt`), `${text}\n`);
  }));
}

interface Health {
  status: string;
  documents?: number;
  indexing?: { state: string; phase?: string; done?: number; total?: number; written?: number; documents?: number };
}

async function readHealth(url: string): Promise<{ code: number; body: Health }> {
  const response = await fetch(`${url}/healthz`);
  return { code: response.status, body: (await response.json()) as Health };
}

interface Answer {
  refused: boolean;
  citations: Array<{ docId: string; quote: string }>;
}

async function ask(url: string, question: string): Promise<{ answer: Answer; receivedAt: number }> {
  const response = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return { answer: (await response.json()) as Answer, receivedAt: Date.now() };
}

/**
 * Every snapshot the writers published (read back through the meta table's versions), with
 * the documents its documents-table version holds. Versions pruned by a compaction are older
 * than a minute, so the whole test's history is still there.
 */
async function readPublishedSnapshots(): Promise<Array<{ publishedAt: number; docIds: Set<string> }>> {
  const connection = await lancedb.connect(path.join(dataDir, 'index'));
  const meta = await connection.openTable('meta');
  const documents = await connection.openTable('documents');
  const records = new Map<string, { publishedAt: string; documents: number; initial?: boolean }>();
  for (const { version } of await meta.listVersions()) {
    await meta.checkout(version);
    for (const row of await meta.query().where(`key = 'snapshot'`).toArray()) {
      const record = JSON.parse(String(row.value)) as { id: string; publishedAt: string; documents: number; initial?: boolean };
      if (!record.initial) records.set(record.id, record);
    }
  }
  const snapshots = [];
  for (const record of records.values()) {
    await documents.checkout(record.documents);
    const rows = await documents.query().select(['doc_id']).toArray();
    snapshots.push({ publishedAt: Date.parse(record.publishedAt), docIds: new Set(rows.map((row: { doc_id: string }) => String(row.doc_id))) });
  }
  return snapshots;
}

/**
 * Asks while the server syncs, until /healthz says the sync is done: a seed question, a
 * question many new documents answer, and one only a single new document answers. Records
 * each answer and the /healthz bodies seen before and after it.
 */
async function askWhileSyncing(url: string) {
  const questions = (round: number) => [
    'How much did SoftBank invest in OpenAI?',
    'When is the lantern festival held, and how many lanterns are released?',
    `How many lanterns are released at the festival of ${placeName((round * 7919) % newDocuments)}?`,
  ];
  const answers: Array<{ question: string; answer: Answer; receivedAt: number; duringSync: boolean }> = [];
  const healths: Array<{ code: number; body: Health }> = [];
  const deadline = Date.now() + 50_000;
  for (let round = 0; Date.now() < deadline; round++) {
    const before = await readHealth(url);
    healths.push(before);
    if (before.body.indexing?.state === 'done') break;
    for (const question of questions(round)) {
      const { answer, receivedAt } = await ask(url, question);
      const after = await readHealth(url);
      healths.push(after);
      answers.push({ question, answer, receivedAt, duringSync: before.body.indexing?.state === 'running' && after.body.indexing?.state === 'running' });
    }
  }
  return { answers, healths };
}

/** Each cited document was in a snapshot published before its answer came back. */
async function expectOnlyCommittedCitations(url: string, answers: Awaited<ReturnType<typeof askWhileSyncing>>['answers']): Promise<number> {
  const snapshots = await readPublishedSnapshots();
  let citations = 0;
  for (const { question, answer, receivedAt } of answers) {
    for (const { docId } of answer.citations) {
      citations++;
      const committed = snapshots.some((snapshot) => snapshot.publishedAt <= receivedAt && snapshot.docIds.has(docId));
      expect(committed, `"${question}" cited ${docId}, which no snapshot published before the answer holds`).toBe(true);
    }
  }
  for (const docId of new Set(answers.flatMap(({ answer }) => answer.citations.map((citation) => citation.docId)))) {
    expect((await fetch(`${url}/api/sources/${docId}`)).status, docId).toBe(200);
  }
  return citations;
}

describe('npm start syncs in the background', () => {
  it('on an existing index: answers at once, while 2,000 new documents are ingested, citing only committed documents', async () => {
    const environment = { DATA_DIR: dataDir, SEEDS_DIR: sourceDir, EMBEDDINGS: 'none' };
    expect((await runIngestCli(environment)).code).toBe(0);
    await writeNewDocuments();
    const started = performance.now();
    // Each batch waits 1.2 s with its passages committed and its documents not, longer than a
    // reader's refresh period: a reader that looked past the published snapshot would cite them.
    server = await startServerProcess({ ...environment, CITED_ANSWERS_PAUSE_AT: 'after-passages:1200' }, 60_000, { waitForSync: false });

    const first = await readHealth(server.url);
    expect(first.code).toBe(200);
    expect(first.body.documents).toBeGreaterThanOrEqual(5);
    const { answers, healths } = await askWhileSyncing(server.url);

    // It answered during the sync, and /healthz showed the progress.
    expect(answers.filter((answer) => answer.duringSync).length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.duringSync && answer.question.startsWith('How much did SoftBank')).every(({ answer }) => !answer.refused)).toBe(true);
    expect(healths.every((health) => health.code === 200 && health.body.status === 'ok')).toBe(true);
    const progress = healths.map((health) => health.body.indexing).filter((indexing) => indexing?.state === 'running' && indexing.phase === 'files');
    expect(progress.length).toBeGreaterThan(0);
    for (const indexing of progress) {
      expect(indexing!.total).toBe(newDocuments + 5);
      expect(indexing!.done).toBeLessThanOrEqual(indexing!.total!);
    }
    expect(new Set(progress.map((indexing) => indexing!.done)).size, 'done should move').toBeGreaterThan(1);
    expect(healths.at(-1)!.body.indexing).toMatchObject({ state: 'done', written: newDocuments, documents: newDocuments + 5 });
    expect(server.output.join('')).toMatch(/"event":"indexing-progress"/);
    expect(server.output.join('')).toMatch(/"event":"index-ready","documents":2005,"written":2000/);

    expect(await expectOnlyCommittedCitations(server.url, answers)).toBeGreaterThan(0);
    // Once synced, a fact only one new document holds is answered from it.
    const town = placeName(1234);
    const { answer } = await ask(server.url, `How many lanterns are released at the festival of ${town}?`);
    expect(answer.citations.map((citation) => citation.docId)).toContain('lantern-1234');
    expect(answer.citations.find((citation) => citation.docId === 'lantern-1234')!.quote).toContain('2234');
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('on a first start: /healthz says "indexing" (503) until the first batch is published, then serves it while the rest is ingested', async () => {
    await writeNewDocuments();
    await mkdir(dataDir, { recursive: true });
    server = await startServerProcess({ DATA_DIR: dataDir, SEEDS_DIR: sourceDir, EMBEDDINGS: 'none' }, 60_000, { waitForSync: false });
    const healths: Array<{ code: number; body: Health }> = [];
    const deadline = Date.now() + 50_000;
    while (Date.now() < deadline) {
      const health = await readHealth(server.url);
      healths.push(health);
      if (health.code === 200 && health.body.indexing?.state === 'running') break;
      expect(health.body.indexing?.state, JSON.stringify(health.body)).not.toBe('done');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Never ok over an index with nothing in it; "indexing" with progress until there is one.
    for (const health of healths) {
      if (health.code === 503) expect(health.body).toMatchObject({ status: 'indexing', indexing: { state: expect.stringMatching(/waiting|running/) } });
      else expect(health.body.documents).toBeGreaterThan(0);
    }
    expect(healths.at(-1)!.code, JSON.stringify(healths.at(-1))).toBe(200);
    const { answers } = await askWhileSyncing(server.url);
    expect(answers.filter((answer) => answer.duringSync).length).toBeGreaterThan(0);
    expect(await expectOnlyCommittedCitations(server.url, answers)).toBeGreaterThan(0);
    expect((await readHealth(server.url)).body.indexing).toMatchObject({ state: 'done', documents: newDocuments + 5 });
  }, 90_000);
});
