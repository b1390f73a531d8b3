import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashChatRequest, hashedPartOf } from './hash-chat-request.js';
import type { Recording, RecordingDir } from './open-recording-dir.js';

/** A request the replay server had no recording for. */
export interface ReplayMiss {
  hash: string;
  /** The body as hashed (without stream and stream_options). */
  request: Record<string, unknown>;
  /** `no recording`, or why the stored one could not be used. */
  problem: string;
}

export interface ReplayServer {
  /** Give this to the app as OPENAI_BASE_URL. */
  baseURL: string;
  /** Every request without a recording, in arrival order. */
  misses: ReplayMiss[];
  /** Hashes of the requests answered from a recording, in arrival order. */
  served: string[];
  close(): Promise<void>;
}

export interface ReplayServerOptions {
  recordings: RecordingDir;
  /** Characters (code points) per streamed delta. Default 8. */
  chunkSize?: number;
}

export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } }));
}

/** Cuts text into pieces of at most `size` code points, never inside a surrogate pair. */
export function splitIntoChunks(text: string, size: number): string[] {
  const points = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < points.length; start += size) chunks.push(points.slice(start, start + size).join(''));
  return chunks;
}

function sendRecording(response: ServerResponse, recording: Recording, body: Record<string, unknown>, chunkSize: number): void {
  const id = `chatcmpl-replay-${recording.hash.slice(0, 16)}`;
  const created = Math.floor(Date.parse(recording.recordedAt) / 1000);
  const { content, finishReason, usage } = recording.reply;
  const head = { id, created, model: recording.answeredBy };
  if (body.stream !== true) {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      ...head,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
      ...(usage ? { usage } : {}),
    }));
    return;
  }
  const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
  const delta = (value: Record<string, unknown>, finish: string | null) => frame([{ index: 0, delta: value, logprobs: null, finish_reason: finish }]);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(delta({ role: 'assistant', content: '' }, null));
  for (const chunk of splitIntoChunks(content, chunkSize)) response.write(delta({ content: chunk }, null));
  response.write(delta({}, finishReason));
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  if (includeUsage && usage) response.write(frame([], { usage }));
  response.end('data: [DONE]\n\n');
}

/**
 * An OpenAI-compatible Chat Completions server on 127.0.0.1 that answers only from recordings:
 * the reply stored under the request's hash, streamed as SSE in small chunks when the request
 * says `stream: true` and as one JSON completion otherwise, with the recorded finish reason and
 * usage. A request with no recording, or a malformed one, gets HTTP 404 `recording_missing`
 * (never a made-up reply) and is listed in `misses`. The AI SDK does not retry a 404.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const chunkSize = options.chunkSize ?? 8;
  const replay: ReplayServer = {
    baseURL: '',
    misses: [],
    served: [],
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  const server = createServer(async (request, response) => {
    try {
      if (request.method !== 'POST' || !request.url?.split('?')[0]!.endsWith('/chat/completions')) {
        sendError(response, 404, 'not_found', 'The replay server only answers POST /v1/chat/completions.');
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readRequestBody(request)) as Record<string, unknown>;
      } catch {
        sendError(response, 400, 'invalid_json', 'The request body is not JSON.');
        return;
      }
      const hash = hashChatRequest(body);
      let recording: Recording | undefined;
      let problem = 'no recording';
      try {
        recording = await options.recordings.read(hash);
      } catch (error) {
        problem = (error as Error).message;
      }
      if (!recording) {
        replay.misses.push({ hash, request: hashedPartOf(body), problem });
        sendError(response, 404, 'recording_missing', `No usable recording for this request (${hash}): it needs re-recording.`);
        return;
      }
      replay.served.push(hash);
      sendRecording(response, recording, body, chunkSize);
    } catch (error) {
      if (!response.headersSent) sendError(response, 500, 'replay_failed', (error as Error).message);
      else response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  replay.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return replay;
}
