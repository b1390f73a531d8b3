import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatCompletionRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  max_tokens?: number;
  max_completion_tokens?: number;
}

/** What the fake answers to one chat completion request. */
export type FakeReply =
  | { kind: 'stream'; chunks: string[]; delayMs?: number; failAfterChunks?: number }
  | { kind: 'text'; content: string }
  | { kind: 'error'; status: number; body: string }
  | { kind: 'hang' };

export interface FakeOpenAIServer {
  baseURL: string;
  requests: ChatCompletionRequest[];
  /** Decides the reply to each request; replace it per test. */
  reply: (request: ChatCompletionRequest) => FakeReply;
  close(): Promise<void>;
}

function textOf(content: ChatCompletionRequest['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((part) => part.text ?? '').join('');
}

/** The text of the last user message in a request: handy for scripting replies. */
export function lastUserText(request: ChatCompletionRequest): string {
  const user = [...request.messages].reverse().find((message) => message.role === 'user');
  return user ? textOf(user.content) : '';
}

export function systemText(request: ChatCompletionRequest): string {
  return request.messages.filter((message) => message.role === 'system').map((message) => textOf(message.content)).join('\n');
}

function chunkFrame(delta: Record<string, unknown>, finishReason: string | null): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  })}\n\n`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A fake OpenAI-compatible Chat Completions server on 127.0.0.1 for tests: it records every
 * request and answers as `reply` scripts — streamed chunks, a plain answer, an HTTP error, a
 * mid-stream failure, or a hang (to exercise timeouts).
 */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const openResponses = new Set<ServerResponse>();
  const fake: FakeOpenAIServer = {
    baseURL: '',
    requests: [],
    reply: () => ({ kind: 'text', content: 'No reply scripted.' }),
    close: async () => {
      for (const response of openResponses) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (request, response) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(request)) as ChatCompletionRequest;
    fake.requests.push(body);
    const reply = fake.reply(body);
    if (reply.kind === 'hang') {
      openResponses.add(response);
      return;
    }
    if (reply.kind === 'error') {
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      return;
    }
    if (!body.stream) {
      const content = reply.kind === 'text' ? reply.content : reply.chunks.join('');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }));
      return;
    }
    const chunks = reply.kind === 'text' ? [reply.content] : reply.chunks;
    openResponses.add(response);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(chunkFrame({ role: 'assistant', content: '' }, null));
    for (const [index, chunk] of chunks.entries()) {
      if (reply.kind === 'stream' && reply.failAfterChunks === index) {
        // Let the chunks already written reach the client, then drop the connection.
        await new Promise((resolve) => setTimeout(resolve, 50));
        response.destroy();
        openResponses.delete(response);
        return;
      }
      if (reply.kind === 'stream' && reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      response.write(chunkFrame({ content: chunk }, null));
    }
    response.write(chunkFrame({}, 'stop'));
    response.end('data: [DONE]\n\n');
    openResponses.delete(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
