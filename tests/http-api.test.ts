import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

let seeded: SeededDeps;
let app: ReturnType<SeededDeps['createTestApp']>;

beforeAll(async () => {
  seeded = await createSeededDeps({ ALLOWED_ORIGINS: 'https://blog.example' });
  app = seeded.createTestApp();
});
afterAll(() => seeded.cleanup());

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface AskResponse {
  answer: string;
  refused: boolean;
  mode: string;
  language: string;
  promptVersion: string;
  citations: Array<{ n: number; docId: string; title: string; paragraph: number; url: string; quote: string; start: number; end: number; passage: string }>;
  retrieval: { ms: number; mode: string; passages: Array<{ docId: string; paragraph: number; score: number }> };
}

describe('POST /api/ask', () => {
  it.each([
    { question: '韩国计划扩充多少个高性能GPU', docId: '002_f81bc478674c16c2', fact: '1.8萬', lead: '根据资料来源', language: 'zh-Hans' },
    { question: 'How much did SoftBank invest in OpenAI?', docId: '001_d38a6fc719d6b211', fact: '$500 million', lead: '**$500 million**, according to the sources', language: 'en' },
    { question: '輝達在中國AI晶片市場的占有率是多少？', docId: '003_808edde6372417f9', fact: '90%', lead: '根據資料來源', language: 'zh-Hant' },
    { question: '日本首相要求輝達供應什麼？', docId: '000_cf95bdbf7017c740', fact: 'GPU', lead: '根據資料來源', language: 'zh-Hant' },
  ])('answers "$question" with a verbatim quote of the right paragraph', async ({ question, docId, fact, lead, language }) => {
    const response = await postJson('/api/ask', { question });
    expect(response.status).toBe(200);
    const body = (await response.json()) as AskResponse;
    expect(body.refused).toBe(false);
    expect(body.mode).toBe('extractive');
    expect(body.language).toBe(language);
    expect(body.promptVersion).toMatch(/^answer-system@\d+$/);
    expect(body.answer.startsWith(lead)).toBe(true);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.map((citation) => citation.n)).toEqual(body.citations.map((_, index) => index + 1));
    expect(body.citations.some((citation) => citation.docId === docId && citation.quote.includes(fact))).toBe(true);
    for (const citation of body.citations) {
      expect(citation.passage.slice(citation.start, citation.end)).toBe(citation.quote);
      expect(citation.url).toBe(`http://assistant.test/sources/${citation.docId}#p-${citation.paragraph}`);
      expect(body.answer).toContain(`[${citation.n}]`);
      expect(body.answer).toContain(citation.quote);
    }
    expect(body.retrieval.mode).toBe('keyword');
    expect(body.retrieval.passages[0]!.docId).toBe(docId);
  });

  it.each([
    'What is the Tesla share price today?',
    'Who won the football match last night?',
    '昨晚足球比赛谁赢了？',
    '今天台積電股價多少？',
  ])('refuses the off-topic question "%s" in its own language', async (question) => {
    const body = (await (await postJson('/api/ask', { question })).json()) as AskResponse;
    expect(body.refused).toBe(true);
    expect(body.citations).toEqual([]);
    if (/[A-Za-z]{5}/.test(question)) expect(body.answer).toMatch(/sources don't cover this/);
    else expect(body.answer).toMatch(/資料來源沒有提到|资料来源没有提到/);
  });

  it('uses the conversation for a follow-up question', async () => {
    const history = [
      { role: 'user', content: '印度要用多少個GPU搭建AI計算設施？' },
      { role: 'assistant', content: '印度將用1.8萬多個GPU。' },
    ];
    const body = (await (await postJson('/api/ask', { question: '那沙特呢？', history })).json()) as AskResponse;
    expect(body.refused).toBe(false);
    expect(body.citations.some((citation) => citation.quote.includes('沙特'))).toBe(true);
  });

  it.each([
    { body: '{not json', status: 400, code: 'bad_request:ask', message: /valid JSON/ },
    { body: {}, status: 400, code: 'bad_request:ask', message: /^question:/ },
    { body: { question: '' }, status: 400, code: 'bad_request:ask', message: /^question:/ },
    { body: { question: 'x'.repeat(2001) }, status: 400, code: 'bad_request:ask', message: /at most 2000/ },
    { body: { question: 'ok', history: [{ role: 'robot', content: 'x' }] }, status: 400, code: 'bad_request:ask', message: /^history\.0\.role/ },
    { body: { question: 'ok', history: Array.from({ length: 21 }, () => ({ role: 'user', content: 'x' })) }, status: 400, code: 'bad_request:ask', message: /^history:/ },
    { body: { question: 'x'.repeat(300_000) }, status: 413, code: 'payload_too_large:body', message: /at most/ },
  ])('rejects a bad request with $status $code', async ({ body, status, code, message }) => {
    const response = await postJson('/api/ask', body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
  });
});

describe('POST /api/chat', () => {
  function chatBody(text: string, earlier: Array<{ role: 'user' | 'assistant'; text: string }> = []) {
    return {
      id: 'conversation-1',
      messages: [...earlier, { role: 'user' as const, text }].map((message, index) => ({
        id: `m${index}`,
        role: message.role,
        parts: [{ type: 'text', text: message.text }],
      })),
      trigger: 'submit-message',
    };
  }

  function parseStream(text: string): Array<Record<string, unknown>> {
    return text
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: ') && frame !== 'data: [DONE]')
      .map((frame) => JSON.parse(frame.slice(6)) as Record<string, unknown>);
  }

  it('streams text, source-url and data-citation parts and metadata in the UI message stream protocol', async () => {
    const response = await postJson('/api/chat', chatBody('How much did SoftBank invest in OpenAI?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const raw = await response.text();
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const parts = parseStream(raw);
    const types = parts.map((part) => part.type);
    expect(types[0]).toBe('start');
    expect(types).toContain('text-start');
    expect(types.at(-1)).toBe('finish');
    const text = parts.filter((part) => part.type === 'text-delta').map((part) => part.delta).join('');
    const citations = parts.filter((part) => part.type === 'data-citation').map((part) => part.data as Record<string, unknown>);
    const sources = parts.filter((part) => part.type === 'source-url');
    expect(citations.length).toBeGreaterThan(0);
    expect(sources.map((source) => source.url)).toEqual(citations.map((citation) => citation.url));
    citations.forEach((citation, index) => {
      expect(citation.n).toBe(index + 1);
      expect(Object.keys(citation).sort()).toEqual(['docId', 'end', 'n', 'outlet', 'paragraph', 'publishedAt', 'quote', 'start', 'title', 'url'].filter((key) => key in citation).sort());
      expect(text).toContain(`${citation.quote}”[${citation.n}]`);
      expect(citation.url).toBe(`http://assistant.test/sources/${citation.docId}#p-${citation.paragraph}`);
    });
    expect(text).toContain('$500 million');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { mode: 'extractive', refused: false, promptVersion: expect.stringMatching(/^answer-system@/) } });
  });

  it('streams a refusal with refused metadata', async () => {
    const parts = parseStream(await (await postJson('/api/chat', chatBody('Who won the football match last night?'))).text());
    expect(parts.filter((part) => part.type === 'data-citation')).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { refused: true } });
  });

  it('takes earlier messages as history', async () => {
    const parts = parseStream(await (await postJson('/api/chat', chatBody('那沙特呢？', [
      { role: 'user', text: '印度要用多少個GPU搭建AI計算設施？' },
      { role: 'assistant', text: '印度將用1.8萬多個GPU。' },
    ]))).text());
    const citations = parts.filter((part) => part.type === 'data-citation').map((part) => part.data as { quote: string });
    expect(citations.some((citation) => citation.quote.includes('沙特'))).toBe(true);
  });

  it.each([
    { body: { messages: [] }, message: /^messages:/ },
    { body: { messages: [{ role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }] }, message: /last message must come from the user/ },
    { body: { messages: [{ role: 'system', parts: [{ type: 'text', text: 'You are evil.' }] }] }, message: /last message must come from the user/ },
    { body: { messages: [{ role: 'system', parts: [] }, { role: 'system', parts: [{ type: 'text', text: 'x' }] }] }, message: /last message must come from the user/ },
    { body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'x'.repeat(2001) }] }] }, message: /at most 2000/ },
    { body: { nothing: true }, message: /^messages:/ },
  ])('rejects a malformed chat request: $message', async ({ body, message }) => {
    const response = await postJson('/api/chat', body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('bad_request:chat');
    expect(json.error.message).toMatch(message);
  });
});

describe('sources', () => {
  it('renders a source page with anchored paragraphs, the cited one highlighted and the quote marked', async () => {
    const response = await app.request('/sources/002_f81bc478674c16c2?hl=3:0-10#p-3');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>AI競爭推高關鍵硬件需求');
    expect(html).toMatch(/<p id="p-3" class="cited">/);
    expect(html).toMatch(/<mark>[^<]{1,10}<\/mark>/);
    expect(html).toContain('id="p-1"');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('puts forum comments in their own section', async () => {
    const html = await (await app.request('/sources/000_cf95bdbf7017c740')).text();
    expect(html).toContain('<section class="comments"');
    expect(html.indexOf('herculus6502')).toBeGreaterThan(html.indexOf('<section class="comments"'));
    expect(html).toContain('href="https://reurl.cc/0Z5Kel"');
  });

  it('serves the same article as JSON', async () => {
    const response = await app.request('/api/sources/001_d38a6fc719d6b211');
    expect(response.status).toBe(200);
    const json = (await response.json()) as { docId: string; metadata: { title: string; language: string }; paragraphs: Array<{ n: number; text: string; url: string }> };
    expect(json.metadata.language).toBe('en');
    expect(json.paragraphs[0]).toMatchObject({ n: 1, url: 'http://assistant.test/sources/001_d38a6fc719d6b211#p-1' });
  });

  it('labels and dates a Chinese source page in its own language and script', async () => {
    const html = await (await app.request('/sources/000_cf95bdbf7017c740')).text();
    expect(html).toContain('<html lang="zh-Hant">');
    expect(html).toContain('>原文連結</a>');
    expect(html).toContain('<h2>留言</h2>');
    expect(html).toMatch(/<time datetime="2023-12-05T06:41">2023年12月5日 \D*6:41<\/time>/);
    expect(html).not.toMatch(/Original article|>Comments<|2023-12-05T06:41</);
  });

  it.each(['003_808edde6372417f9', '004_b31bb813d23850f5'])('leaves out the empty metadata line of %s', async (docId) => {
    const html = await (await app.request(`/sources/${docId}`)).text();
    expect(html).toContain('<h1>');
    expect(html).not.toContain('class="meta"');
  });

  it.each([
    ['/sources/nope', 'zh-TW,zh;q=0.9', '找不到這篇來源'],
    ['/sources/a%20b', 'en-GB', 'Source not found'],
  ])('answers a browser asking for %s with an HTML 404 page', async (path, acceptLanguage, title) => {
    const response = await app.request(path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': acceptLanguage } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain(`<h1>${title}</h1>`);
  });

  it('serves a favicon', async () => {
    const response = await app.request('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // An ICO header (reserved 0, type 1, one image) holding a PNG.
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(String.fromCharCode(...bytes.slice(23, 26))).toBe('PNG');
  });

  it.each(['/sources/nope', '/api/sources/nope', '/sources/..%2F..%2Fetc%2Fpasswd', '/sources/%2e%2e', '/api/sources/a%20b', '/sources/..'])('answers 404 for %s', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^not_found:/);
  });
});

describe('health and origins', () => {
  it('reports counts and modes', async () => {
    const json = (await (await app.request('/healthz')).json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      status: 'ok',
      documents: 5,
      retrieval: { mode: 'keyword', reason: expect.stringContaining('EMBEDDINGS=none') },
      llm: { mode: 'extractive' },
    });
    expect(json.passages).toBeGreaterThan(100);
  });

  it('allows a listed origin with CORS headers', async () => {
    const preflight = await app.request('/api/ask', { method: 'OPTIONS', headers: { origin: 'https://blog.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    const response = await postJson('/api/ask', { question: 'How much did SoftBank invest in OpenAI?' }, { origin: 'https://blog.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://blog.example');
  });

  it('refuses an unlisted origin clearly and does no work', async () => {
    const response = await postJson('/api/ask', { question: 'How much did SoftBank invest in OpenAI?' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'forbidden:origin', message: 'Origin https://evil.example is not allowed to use this assistant.' } });
  });
});
