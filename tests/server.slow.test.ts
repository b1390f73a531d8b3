import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/start-server-process.js';

// `npm start` on a fresh data folder with no keys and no model: it must ingest the seeds,
// warn once that the model is unavailable, and answer offline with verified quotes.
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cited-server-'));
  server = await startServerProcess({
    DATA_DIR: dataDir,
    EMBEDDINGS: 'local',
    MODELS_DIR: path.join(dataDir, 'models'),
    ALLOW_REMOTE_MODELS: 'false',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
  });
});
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function ask(question: string) {
  const response = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    refused: boolean;
    citations: Array<{ docId: string; paragraph: number; quote: string; passage: string; start: number; end: number; url: string }>;
  };
}

describe('npm start, offline', () => {
  it('warns once that the model is unavailable and serves keyword retrieval', async () => {
    const warnings = server.output.join('').split('\n').filter((line) => line.includes('embedder-unavailable'));
    expect(warnings).toHaveLength(1);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { documents: number; retrieval: { mode: string }; llm: { mode: string } };
    expect(health).toMatchObject({ documents: 5, retrieval: { mode: 'keyword' }, llm: { mode: 'extractive' } });
  });

  it.each([
    { question: 'How much did SoftBank invest in OpenAI?', docId: '001_d38a6fc719d6b211', fact: '$500 million' },
    { question: 'What is the goal of the DGX SuperPOD that SoftBank will build?', docId: '001_d38a6fc719d6b211', fact: 'DGX SuperPOD' },
    { question: '日本經濟產業省的算力目標是多少？', docId: '000_cf95bdbf7017c740', fact: '20-30倍' },
    { question: '韓國計劃擴充多少個高性能GPU？', docId: '002_f81bc478674c16c2', fact: '1.8萬個高性能GPU' },
    { question: '英伟达在中国AI芯片市场的占有率是多少？', docId: '003_808edde6372417f9', fact: '90%' },
    { question: '輝達2024會計年度在中國市場的營收是多少？', docId: '004_b31bb813d23850f5', fact: '170億美元' },
  ])('cites the right paragraph verbatim for "$question"', async ({ question, docId, fact }) => {
    const body = await ask(question);
    expect(body.refused).toBe(false);
    const citation = body.citations.find((candidate) => candidate.quote.includes(fact));
    expect(citation, JSON.stringify(body.citations.map((candidate) => candidate.quote))).toBeDefined();
    expect(citation!.docId).toBe(docId);
    expect(citation!.passage.slice(citation!.start, citation!.end)).toBe(citation!.quote);
    const page = await (await fetch(citation!.url.replace(/^https?:\/\/[^/]+/, server.url).replace(/#.*$/, ''))).text();
    expect(page).toContain(`id="p-${citation!.paragraph}"`);
  });

  it.each([
    "What is Tesla's share price today?",
    'Who won the Champions League final last night?',
    '今天台積電的股價是多少？',
    '昨晚的足球比赛谁赢了？',
  ])('refuses the off-topic question "%s"', async (question) => {
    const body = await ask(question);
    expect(body.refused).toBe(true);
    expect(body.citations).toEqual([]);
  });
});
