import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publicBaseUrl, startCloudflareSide, startNodeSide, type CloudflareSide, type NodeSide } from './support/create-parity-apps.js';

// The same questions to the Node server over LanceDB and to the Worker over D1 + Vectorize,
// both built from the seeds with the same (fake) bge-m3 vectors: two per script, two off-topic.
// Keyword scores differ a little (tantivy's BM25 on Node, FTS5's bm25() on D1), so a question
// whose best passage sits on an exact RRF tie at the context cut-off could still flip; these
// do not. ("How much did SoftBank invest in OpenAI?" is such a tie: 2e-5 apart on Node.)
const questions = [
  { question: 'Which NVIDIA system will SoftBank be the first in the world to receive?', answerable: true },
  { question: "What is the name of SoftBank's distributed AI-RAN solution?", answerable: true },
  { question: '岸田首相向黃仁勳提出了什麼要求？', answerable: true },
  { question: '輝達將和哪些日本企業合作？', answerable: true },
  { question: '黄仁勋分别在哪几天参加了英伟达北京、上海、深圳公司的年会？', answerable: true },
  { question: '黄仁勋在年会上跳了什么舞？', answerable: true },
  { question: 'What is the best recipe for banana bread?', answerable: false },
  { question: '今天台北天氣如何？', answerable: false },
];

interface AskReply {
  refused: boolean;
  mode: string;
  citations: Array<{ n: number; docId: string; paragraph: number; quote: string }>;
}

const citationKeys = (reply: AskReply) => reply.citations.map(({ n, docId, paragraph, quote }) => ({ n, docId, paragraph, quote }));

async function readChatStream(response: Response): Promise<{ refused: boolean; citations: AskReply['citations'] }> {
  const parts = (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as { type: string; data?: AskReply['citations'][number]; messageMetadata?: { refused: boolean } });
  const finish = parts.find((part) => part.type === 'finish');
  return {
    refused: finish!.messageMetadata!.refused,
    citations: parts.filter((part) => part.type === 'data-citation').map((part) => part.data!),
  };
}

const chatBody = (question: string) =>
  JSON.stringify({ id: 'chat-1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: question }] }] });

describe('the Worker answers like the Node server', () => {
  let cloudflare: CloudflareSide;
  let node: NodeSide;

  beforeAll(async () => {
    [cloudflare, node] = await Promise.all([startCloudflareSide(), startNodeSide()]);
    await cloudflare.publish();
  });
  afterAll(async () => {
    await Promise.all([cloudflare?.close(), node?.close()]);
  });

  test('/healthz reports the published index and hybrid retrieval', async () => {
    const response = await cloudflare.worker.fetch(`${publicBaseUrl}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, any>;
    expect(health).toMatchObject({ status: 'ok', embedding: { modelId: '@cf/baai/bge-m3', dimension: 1024 }, retrieval: { mode: 'hybrid' }, llm: { mode: 'extractive' } });
    expect(health.documents).toBe(5);
  });

  test.each(questions)('/api/ask: $question', async ({ question, answerable }) => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) };
    const [workerResponse, nodeResponse] = await Promise.all([
      cloudflare.worker.fetch(`${publicBaseUrl}/api/ask`, init),
      node.app.request(`${publicBaseUrl}/api/ask`, init),
    ]);
    expect(workerResponse.status).toBe(200);
    const [fromWorker, fromNode] = (await Promise.all([workerResponse.json(), nodeResponse.json()])) as [AskReply, AskReply];
    expect(fromNode.refused).toBe(!answerable);
    expect(fromWorker.refused).toBe(fromNode.refused);
    expect(citationKeys(fromWorker)).toEqual(citationKeys(fromNode));
    if (answerable) expect(fromWorker.citations.length).toBeGreaterThan(0);
  });

  test.each(questions)('/api/chat: $question', async ({ question }) => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(question) };
    const [workerResponse, nodeResponse] = await Promise.all([
      cloudflare.worker.fetch(`${publicBaseUrl}/api/chat`, init),
      node.app.request(`${publicBaseUrl}/api/chat`, init),
    ]);
    expect(workerResponse.headers.get('content-type')).toContain('text/event-stream');
    const [fromWorker, fromNode] = await Promise.all([readChatStream(workerResponse), readChatStream(nodeResponse)]);
    expect(fromWorker.refused).toBe(fromNode.refused);
    expect(fromWorker.citations.map(({ n, docId, paragraph, quote }) => ({ n, docId, paragraph, quote }))).toEqual(
      fromNode.citations.map(({ n, docId, paragraph, quote }) => ({ n, docId, paragraph, quote })),
    );
  });

  test('source pages render from D1 with the cited paragraph anchored', async () => {
    const response = await cloudflare.worker.fetch(`${publicBaseUrl}/sources/001_d38a6fc719d6b211`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="p-1"');
    const missing = await cloudflare.worker.fetch(`${publicBaseUrl}/sources/no-such-doc`);
    expect(missing.status).toBe(404);
  });
});
