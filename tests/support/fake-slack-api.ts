import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  /** A Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  /** The parsed body: form fields (JSON fields such as `blocks` decoded) or the JSON body. */
  body: Record<string, any>;
  /** For response_url calls, the id in `/respond/<id>`. */
  responseUrlId?: string;
  status: number;
  at: number;
}

export interface FakeSlackMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown[];
}

export interface FakeSlackApi {
  /** The Web API base URL for WebClient's `slackApiUrl`, ending in `/api/`. */
  apiUrl: string;
  /** A response_url served by the fake. */
  responseUrl(id: string): string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Answers the next `times` calls of `method` with 429 and `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** Adds a message (a person's question, say) so conversations.replies can return it. */
  addMessage(channel: string, message: FakeSlackMessage): void;
  /** Polls until `check` returns a truthy value, and returns it; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const fakeBot = { userId: 'U0BOT', botId: 'B0BOT' } as const;

/** Form fields that WebClient sends JSON-encoded. */
const jsonFields = new Set(['blocks', 'attachments', 'metadata']);

function parseBody(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const body: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = jsonFields.has(key) ? JSON.parse(value) : value;
  }
  return body;
}

/**
 * A fake Slack Web API and response_url endpoint on 127.0.0.1 with a random port. It records
 * every call, keeps the messages it is sent so conversations.replies can return the thread,
 * and can be told to answer 429 with a Retry-After.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const limits = new Map<string, { retryAfterSeconds: number; times: number }>();
  const channels = new Map<string, FakeSlackMessage[]>();
  let clock = 0;
  const nextTs = () => `${1_800_000_000 + ++clock}.000100`;
  const messagesOf = (channel: string) => {
    if (!channels.has(channel)) channels.set(channel, []);
    return channels.get(channel)!;
  };

  function answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: fakeBot.userId, bot_id: fakeBot.botId };
      case 'chat.postMessage': {
        const message: FakeSlackMessage = { ts: nextTs(), text: body.text ?? '', user: fakeBot.userId, bot_id: fakeBot.botId, thread_ts: body.thread_ts, blocks: body.blocks };
        messagesOf(body.channel).push(message);
        return { ok: true, channel: body.channel, ts: message.ts, message };
      }
      case 'chat.update': {
        const message = messagesOf(body.channel).find((candidate) => candidate.ts === body.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = body.text ?? '';
        message.blocks = body.blocks;
        return { ok: true, channel: body.channel, ts: body.ts, text: message.text };
      }
      case 'conversations.replies': {
        const messages = messagesOf(body.channel)
          .filter((message) => message.ts === body.ts || message.thread_ts === body.ts)
          .sort((left, right) => Number(left.ts) - Number(right.ts));
        if (messages.length === 0) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages, has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const responseUrlMatch = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    const method = responseUrlMatch ? 'response_url' : url.pathname.replace(/^\/api\//, '');
    const body = parseBody(raw, request.headers['content-type'] ?? '');
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      calls.push({ method, body, responseUrlId: responseUrlMatch?.[1], status: 429, at: Date.now() });
      response.writeHead(429, { 'Retry-After': String(limit.retryAfterSeconds), 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    calls.push({ method, body, responseUrlId: responseUrlMatch?.[1], status: 200, at: Date.now() });
    if (responseUrlMatch) {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('ok');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer(method, body)));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method && call.status === 200),
    rateLimit(method, retryAfterSeconds, times = 1) {
      limits.set(method, { retryAfterSeconds, times });
    },
    addMessage(channel, message) {
      messagesOf(channel).push(message);
    },
    async waitFor(check, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = check();
        if (result) return result;
        if (Date.now() > deadline) {
          throw new Error(`fake Slack: condition not met in ${timeoutMs} ms; calls: ${calls.map((call) => `${call.method}(${call.status})`).join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
