import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashChatRequest } from './hash-chat-request.js';
import { hashedDescription, openRecordingDir, type Recording, type RecordingDir } from './open-recording-dir.js';
import { splitIntoChunks, startReplayServer, type ReplayServer } from './start-replay-server.js';

const system = 'Answer from the passages.';
const question = '軟銀投資了OpenAI多少錢？';
// The exact body @ai-sdk/openai sends for streamText/generateText below (stream fields aside).
const request = {
  model: 'gpt-test',
  max_tokens: 800,
  temperature: 0,
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: question },
  ],
};
const content = '軟銀出資：“SoftBank contributed $500 million to a round of financing for OpenAI”[1]。😀';

let directory: string;
let recordings: RecordingDir;
let replay: ReplayServer;
const model = () => createOpenAI({ apiKey: 'none', baseURL: replay.baseURL }).chat('gpt-test');

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'replay-server-'));
  recordings = openRecordingDir(directory);
  const recording: Recording = {
    version: 1,
    hash: hashChatRequest(request),
    hashed: hashedDescription,
    model: 'gpt-test',
    answeredBy: 'gpt-test-2025-01-01',
    recordedAt: '2025-06-01T12:00:00.000Z',
    source: 'api',
    label: null,
    request,
    reply: { content, finishReason: 'stop', usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 } },
  };
  await recordings.write(recording);
  replay = await startReplayServer({ recordings, chunkSize: 8 });
});
afterAll(async () => {
  await replay.close();
  await rm(directory, { recursive: true, force: true });
});

describe('startReplayServer through the real @ai-sdk/openai client', () => {
  it('streams the recorded reply in small chunks, with its finish reason and usage', async () => {
    const result = streamText({ model: model(), system, prompt: question, maxOutputTokens: 800, temperature: 0, maxRetries: 0 });
    const deltas: string[] = [];
    for await (const part of result.fullStream) if (part.type === 'text-delta') deltas.push(part.text);
    expect(deltas.join('')).toBe(content);
    expect(deltas.length).toBe(Math.ceil(Array.from(content).length / 8));
    for (const delta of deltas) expect(Array.from(delta).length).toBeLessThanOrEqual(8);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).inputTokens).toBe(42);
    expect((await result.usage).outputTokens).toBe(17);
    expect((await result.response).modelId).toBe('gpt-test-2025-01-01');
  });

  it('answers the same request sent without streaming as one JSON completion', async () => {
    const result = await generateText({ model: model(), system, prompt: question, maxOutputTokens: 800, temperature: 0, maxRetries: 0 });
    expect(result.text).toBe(content);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.totalTokens).toBe(59);
  });

  it('refuses a request with no recording (HTTP 404) and lists it as a miss, never making a reply up', async () => {
    const missesBefore = replay.misses.length;
    const servedBefore = replay.served.length;
    const error = await generateText({ model: model(), system, prompt: `${question}?`, maxOutputTokens: 800, temperature: 0, maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(404);
    const expected = { ...request, messages: [request.messages[0], { role: 'user', content: `${question}?` }] };
    expect(replay.misses.slice(missesBefore)).toEqual([{ hash: hashChatRequest(expected), request: expected, problem: 'no recording' }]);
    expect(replay.served.length).toBe(servedBefore);
  });

  it('treats a recording whose request was altered as missing', async () => {
    const other = { ...request, max_tokens: 120 };
    const hash = hashChatRequest(other);
    const file = path.join(directory, `${hash}.json`);
    // Copy the good recording under the other request's name without changing its request.
    const good = JSON.parse(await readFile(path.join(directory, `${hashChatRequest(request)}.json`), 'utf8')) as Recording;
    await writeFile(file, JSON.stringify({ ...good, hash }));
    const error = await generateText({ model: model(), system, prompt: question, maxOutputTokens: 120, temperature: 0, maxRetries: 0 }).catch((caught: unknown) => caught);
    expect((error as APICallError).statusCode).toBe(404);
    expect(replay.misses.at(-1)).toMatchObject({ hash, problem: expect.stringContaining('the file was altered') });
  });
});

describe('splitIntoChunks', () => {
  it.each([
    ['', 3, []],
    ['abcdefg', 3, ['abc', 'def', 'g']],
    ['黃仁勳😀說', 2, ['黃仁', '勳😀', '說']],
  ])('%j in pieces of %i', (text, size, expected) => {
    expect(splitIntoChunks(text, size)).toEqual(expected);
  });
});
