import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashChatRequest, hashedPartOf } from './hash-chat-request.js';
import { hashedDescription, type RecordingDir } from './open-recording-dir.js';
import { readChatReply } from './read-chat-reply.js';
import { readRequestBody, sendError } from './start-replay-server.js';

export interface RecordProxy {
  /** Give this to the app as OPENAI_BASE_URL. */
  baseURL: string;
  /** Hashes of the replies stored, in order. */
  recorded: string[];
  /** Requests whose reply was not stored: the upstream failed, or the reply could not be read. */
  failures: { hash: string; problem: string }[];
  close(): Promise<void>;
}

export interface RecordProxyOptions {
  recordings: RecordingDir;
  /** The real OpenAI-compatible endpoint, e.g. `https://api.openai.com/v1`. */
  upstreamBaseURL: string;
  now?: () => Date;
}

/** Request headers passed on to the upstream: the client's key travels with the request, the proxy keeps none. */
const forwardedHeaders = ['authorization', 'content-type', 'accept', 'openai-organization', 'openai-project', 'api-key'];

/**
 * A recording proxy on 127.0.0.1 for OpenAI-compatible Chat Completions: it forwards each request
 * unchanged to `upstreamBaseURL`, streams the upstream's answer back to the client as it comes,
 * and when the upstream answered 200 with a complete reply, stores it with the request under the
 * request's hash (see hashChatRequest), with the model that answered and the date. Errors and
 * replies cut short are passed through and listed in `failures`, never stored.
 */
export async function startRecordProxy(options: RecordProxyOptions): Promise<RecordProxy> {
  const upstream = options.upstreamBaseURL.replace(/\/+$/u, '');
  const now = options.now ?? (() => new Date());
  const proxy: RecordProxy = {
    baseURL: '',
    recorded: [],
    failures: [],
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  const store = async (body: Record<string, unknown>, hash: string, replyText: string) => {
    try {
      const reply = readChatReply(replyText, body.stream === true);
      await options.recordings.write({
        version: 1,
        hash,
        hashed: hashedDescription,
        model: String(body.model),
        answeredBy: reply.answeredBy ?? String(body.model),
        recordedAt: now().toISOString(),
        source: 'api',
        label: null,
        request: hashedPartOf(body),
        reply: { content: reply.content, finishReason: reply.finishReason, usage: reply.usage },
      });
      proxy.recorded.push(hash);
    } catch (error) {
      proxy.failures.push({ hash, problem: `not stored: ${(error as Error).message}` });
    }
  };
  const server = createServer(async (request, response) => {
    const path = request.url?.split('?')[0] ?? '';
    if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
      sendError(response, 404, 'not_found', 'The record proxy only forwards POST /v1/chat/completions.');
      return;
    }
    const text = await readRequestBody(request);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      sendError(response, 400, 'invalid_json', 'The request body is not JSON.');
      return;
    }
    const hash = hashChatRequest(body);
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort(new Error('the client went away'));
    });
    const headers: Record<string, string> = {};
    for (const name of forwardedHeaders) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const received: Buffer[] = [];
    try {
      const answer = await fetch(`${upstream}/chat/completions`, { method: 'POST', headers, body: text, signal: aborted.signal });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-cache' });
      if (answer.body) {
        for await (const chunk of answer.body) {
          received.push(Buffer.from(chunk));
          response.write(chunk);
        }
      }
      const replyText = Buffer.concat(received).toString('utf8');
      // Stored before the response ends, so a client that has its answer finds its recording.
      if (answer.status === 200) await store(body, hash, replyText);
      else proxy.failures.push({ hash, problem: `upstream answered HTTP ${answer.status}: ${replyText.slice(0, 300)}` });
      response.end();
    } catch (error) {
      proxy.failures.push({ hash, problem: `upstream: ${(error as Error).message}` });
      if (!response.headersSent) sendError(response, 502, 'upstream_failed', 'The upstream could not be reached.');
      else response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return proxy;
}
