import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeReply } from '../../tests/support/start-fake-openai-server.js';
import { hashChatRequest } from './hash-chat-request.js';
import { hashedDescription, openRecordingDir, type RecordingDir } from './open-recording-dir.js';
import { startRecordProxy, type RecordProxy } from './start-record-proxy.js';
import { startReplayServer } from './start-replay-server.js';

const recordedAt = new Date('2025-06-01T12:00:00.000Z');
let directory: string;
let recordings: RecordingDir;
let upstream: FakeOpenAIServer;
let proxy: RecordProxy;
const viaProxy = () => createOpenAI({ apiKey: 'sk-test-key', baseURL: proxy.baseURL }).chat('gpt-test');

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'record-proxy-'));
  recordings = openRecordingDir(directory);
  upstream = await startFakeOpenAIServer();
  proxy = await startRecordProxy({ recordings, upstreamBaseURL: upstream.baseURL, now: () => recordedAt });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  upstream.requests.length = 0;
});

describe('startRecordProxy against a fake upstream on 127.0.0.1', () => {
  it('passes a streamed answer through and stores it under the hash of the exact request', async () => {
    upstream.reply = () => ({ kind: 'stream', chunks: ['SoftBank put ', '$500 million ', 'into OpenAI [1].'], delayMs: 5 });
    const result = streamText({ model: viaProxy(), system: 'Answer.', prompt: 'How much?', maxOutputTokens: 800, temperature: 0, maxRetries: 0 });
    expect(await result.text).toBe('SoftBank put $500 million into OpenAI [1].');

    expect(upstream.requests).toHaveLength(1);
    const sent = upstream.requests[0] as unknown as Record<string, unknown>;
    expect(sent).toMatchObject({ model: 'gpt-test', stream: true, max_tokens: 800 });
    const hash = hashChatRequest(sent);
    expect(proxy.recorded).toEqual([hash]);
    const { stream: _stream, stream_options: _options, ...hashed } = sent;
    expect(await recordings.read(hash)).toEqual({
      version: 1,
      hash,
      hashed: hashedDescription,
      model: 'gpt-test',
      answeredBy: 'fake-model',
      recordedAt: recordedAt.toISOString(),
      source: 'api',
      label: null,
      request: hashed,
      reply: { content: 'SoftBank put $500 million into OpenAI [1].', finishReason: 'stop', usage: null },
    });

    // The stored reply replays to the same text, with no upstream.
    const replay = await startReplayServer({ recordings });
    try {
      const replayed = streamText({ model: createOpenAI({ apiKey: 'none', baseURL: replay.baseURL }).chat('gpt-test'), system: 'Answer.', prompt: 'How much?', maxOutputTokens: 800, temperature: 0, maxRetries: 0 });
      expect(await replayed.text).toBe('SoftBank put $500 million into OpenAI [1].');
      expect(replay.served).toEqual([hash]);
    } finally {
      await replay.close();
    }
  });

  it('stores a JSON answer with the usage the upstream reported', async () => {
    upstream.reply = () => ({ kind: 'text', content: 'Who is Arm?' });
    const result = await generateText({ model: viaProxy(), system: 'Rewrite.', prompt: 'And Arm?', maxOutputTokens: 120, temperature: 0, maxRetries: 0 });
    expect(result.text).toBe('Who is Arm?');
    const hash = hashChatRequest(upstream.requests[0] as unknown as Record<string, unknown>);
    expect((await recordings.read(hash))?.reply).toEqual({ content: 'Who is Arm?', finishReason: 'stop', usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } });
  });

  it.each<[string, FakeReply, RegExp]>([
    ['an HTTP error', { kind: 'error', status: 500, body: '{"error":{"message":"overloaded"}}' }, /upstream answered HTTP 500/u],
    ['a stream cut short', { kind: 'stream', chunks: ['a', 'b', 'c'], failAfterChunks: 2 }, /not stored|upstream/u],
  ])('passes %s through and stores nothing', async (_name, reply, problem) => {
    upstream.reply = () => reply;
    const before = (await readdir(directory)).length;
    const failuresBefore = proxy.failures.length;
    const result = streamText({ model: viaProxy(), prompt: `fails ${_name}`, maxRetries: 0, onError: () => {} });
    await result.consumeStream();
    expect((await readdir(directory)).length).toBe(before);
    expect(proxy.failures.length).toBeGreaterThan(failuresBefore);
    expect(proxy.failures.at(-1)!.problem).toMatch(problem);
  });
});

describe('startRecordProxy and the key', () => {
  it('forwards the client key to the upstream and keeps the upstream status', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const refusing = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key","code":"invalid_api_key"}}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const keyed = await startRecordProxy({ recordings, upstreamBaseURL: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1/` });
    try {
      const error = await generateText({ model: createOpenAI({ apiKey: 'sk-real', baseURL: keyed.baseURL }).chat('gpt-test'), prompt: 'hi', maxRetries: 0 }).catch((caught: unknown) => caught);
      expect((error as APICallError).statusCode).toBe(401);
      expect(seen[0]!.authorization).toBe('Bearer sk-real');
      expect(keyed.recorded).toEqual([]);
    } finally {
      await keyed.close();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });
});
