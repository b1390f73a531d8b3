import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo as getNodeConnInfo } from '@hono/node-server/conninfo';
import { getConnInfo as getWorkersConnInfo } from 'hono/cloudflare-workers';
import type { GetConnInfo } from 'hono/conninfo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFullDisk } from '../../tests/support/create-full-disk.js';
import { createJsonlFeedbackStore, type FeedbackFileSystem } from '../adapters/jsonl-feedback-store.js';
import type { AnswerDeps } from '../engine/answer-question.js';
import type { FeedbackRecord, PassageStore } from '../ports.js';
import { createApp } from './create-app.js';

const silent = { info() {}, warn() {}, error() {} };

const validBody = {
  messageId: 'msg-1',
  rating: 'up',
  question: 'How much did SoftBank invest in OpenAI?',
  answer: 'SoftBank invested $40 billion [1].',
  citations: [{ n: 1, docId: 'doc-a', paragraph: 3, title: 'SoftBank and OpenAI', url: 'http://localhost/sources/doc-a#p-3', quote: '$40 billion', start: 10, end: 21 }],
};

let dataDir: string;
let filePath: string;

function buildApp(rateLimitPerMinute = 20, getConnInfo: GetConnInfo = getWorkersConnInfo, fileSystem?: FeedbackFileSystem) {
  return createApp({
    answer: {} as AnswerDeps,
    store: {} as PassageStore,
    publicBaseUrl: 'http://localhost',
    allowedOrigins: ['https://news.example'],
    health: { retrieval: { mode: 'keyword', reason: 'test' }, llm: { mode: 'extractive' } },
    log: silent,
    feedback: { store: createJsonlFeedbackStore(filePath, { fileSystem }), rateLimitPerMinute },
    getConnInfo,
  });
}

function postFeedback(app: ReturnType<typeof buildApp>, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/feedback', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'cf-connecting-ip': '203.0.113.7', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function readRecords(): Promise<FeedbackRecord[]> {
  const text = await readFile(filePath, 'utf8');
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as FeedbackRecord);
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'feedback-'));
  filePath = path.join(dataDir, 'nested', 'feedback.jsonl');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('POST /api/feedback', () => {
  it('appends one JSON line per record, with an id and a timestamp', async () => {
    const app = buildApp();
    const first = await postFeedback(app, validBody);
    const second = await postFeedback(app, { ...validBody, messageId: 'msg-2', rating: 'down', comment: 'Wrong figure <img src=x onerror=alert(1)>' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const records = await readRecords();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ ...validBody, channel: 'widget' });
    expect(records[1]).toMatchObject({ messageId: 'msg-2', rating: 'down', comment: 'Wrong figure <img src=x onerror=alert(1)>' });
    for (const record of records) {
      expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(record.receivedAt))).toBe(false);
    }
    expect(((await first.json()) as { id: string }).id).toBe(records[0]!.id);
  });

  it.each([
    ['a rating that is not up or down', { ...validBody, rating: 'meh' }, 'rating'],
    ['a missing question', { ...validBody, question: undefined }, 'question'],
    ['an empty question', { ...validBody, question: '   ' }, 'question'],
    ['an over-long question', { ...validBody, question: 'q'.repeat(2_001) }, 'question'],
    ['an over-long comment', { ...validBody, comment: 'c'.repeat(2_001) }, 'comment'],
    ['an over-long answer', { ...validBody, answer: 'a'.repeat(20_001) }, 'answer'],
    ['too many citations', { ...validBody, citations: Array.from({ length: 31 }, (_, index) => ({ n: index + 1, docId: 'd', paragraph: 1 })) }, 'citations'],
    ['a citation without a docId', { ...validBody, citations: [{ n: 1, paragraph: 1 }] }, 'citations.0.docId'],
    ['a missing messageId', { ...validBody, messageId: '' }, 'messageId'],
  ])('rejects %s with 400 naming the field', async (_name, body, field) => {
    const response = await postFeedback(buildApp(), body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request:feedback');
    expect(error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('answers 507 storage_full:feedback when the disk fills mid-record, and the log keeps only whole lines', async () => {
    const app = buildApp(20, getWorkersConnInfo, createFullDisk(1_500));
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) statuses.push((await postFeedback(app, { ...validBody, messageId: `msg-${index}` })).status);
    expect(statuses).toContain(201);
    expect(statuses).toContain(507);
    const failed = await postFeedback(app, validBody);
    expect(failed.status).toBe(507);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('storage_full:feedback');
    expect(await readRecords()).toHaveLength(statuses.filter((status) => status === 201).length);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await postFeedback(buildApp(), '{not json');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request:feedback');
  });

  it('limits each client address per minute with a 429 JSON error', async () => {
    const app = buildApp(2);
    expect((await postFeedback(app, validBody)).status).toBe(201);
    expect((await postFeedback(app, validBody)).status).toBe(201);
    const limited = await postFeedback(app, validBody);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited:feedback', message: expect.any(String) } });
    expect((await postFeedback(app, validBody, { 'cf-connecting-ip': '198.51.100.9' })).status).toBe(201);
    expect(await readRecords()).toHaveLength(3);
  });

  it('on Node keys the limit by the socket address, so a forged cf-connecting-ip does not reset it', async () => {
    const app = buildApp(1, getNodeConnInfo);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/feedback`;
      const post = (forgedAddress: string) =>
        fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'cf-connecting-ip': forgedAddress }, body: JSON.stringify(validBody) });
      expect((await post('203.0.113.7')).status).toBe(201);
      expect((await post('198.51.100.9')).status).toBe(429);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses an unlisted origin with CORS headers, and allows a listed one', async () => {
    const app = buildApp();
    const refused = await postFeedback(app, validBody, { Origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden:origin');
    const allowed = await postFeedback(app, validBody, { Origin: 'https://news.example' });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
  });
});
