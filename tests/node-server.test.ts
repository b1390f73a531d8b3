// The Node server against raw sockets on 127.0.0.1: what a slow, malformed or greedy client gets.
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeServer, hasDotSegment, type NodeServerSettings } from '../src/node/create-node-server.js';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

const settings: NodeServerSettings = { headersTimeoutMs: 600, requestTimeoutMs: 1_200, keepAliveTimeoutMs: 5_000, maxConnectionsPerAddress: 4 };

let seeded: SeededDeps;
let server: Server;
let port: number;

beforeAll(async () => {
  seeded = await createSeededDeps();
  // With the demo page mounted, as on a real server: a resolved `/sources/..` would be `/`, that page.
  server = createNodeServer({ fetch: seeded.createTestApp({ loadWidgetScript: async () => '/* widget */' }).fetch, ...settings });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await seeded.cleanup();
});

interface RawExchange {
  socket: Socket;
  /** Everything the server sent, once it closed the connection (or the wait ran out). */
  closed: Promise<{ text: string; closedAfterMs: number | undefined }>;
}

/** Opens a raw connection and collects what comes back until the server closes it, or `waitMs`. */
async function openRaw(waitMs = 5_000): Promise<RawExchange> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = performance.now();
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<{ text: string; closedAfterMs: number | undefined }>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ text: Buffer.concat(chunks).toString(), closedAfterMs: undefined });
      socket.destroy();
    }, waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString(), closedAfterMs: performance.now() - started });
    });
  });
  return { socket, closed };
}

/** Writes the text a piece at a time, `delayMs` apart, while the socket stays open. */
async function trickle(socket: Socket, text: string, delayMs: number): Promise<void> {
  for (const character of text) {
    if (socket.destroyed) return;
    socket.write(character);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

function parseRawResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

function chatRequest(connection: 'close' | 'keep-alive'): string {
  const body = JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'How much did SoftBank invest in OpenAI?' }] }] });
  return `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: ${connection}\r\n\r\n${body}`;
}

describe('Node server connection handling', () => {
  it('closes the connection after a /api/chat stream when the client sent Connection: close', async () => {
    const { socket, closed } = await openRaw(4_000);
    socket.write(chatRequest('close'));
    const { text, closedAfterMs } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200 /u);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text.toLowerCase()).not.toContain('connection: keep-alive');
    expect(text).toContain('data: [DONE]');
    expect(closedAfterMs).toBeDefined();
  });

  it('keeps a /api/chat connection open for the next request when the client asked for keep-alive', async () => {
    const { socket, closed } = await openRaw(1_500);
    socket.write(chatRequest('keep-alive'));
    const { text, closedAfterMs } = await closed;
    expect(text).toContain('data: [DONE]');
    expect(closedAfterMs).toBeUndefined();
  });

  it('answers a slow-header client 408 JSON and closes it soon after headersTimeout', async () => {
    const { socket, closed } = await openRaw(8_000);
    void trickle(socket, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n', 100);
    const { text, closedAfterMs } = await closed;
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(settings.headersTimeoutMs + 1_500);
    const response = parseRawResponse(text);
    expect(response.status).toBe(408);
    expect(response.headers['content-type']).toContain('application/json');
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'timeout:request', message: expect.any(String) } });
  });

  it('answers a slow-body client 408 JSON and closes it soon after requestTimeout', async () => {
    const { socket, closed } = await openRaw(8_000);
    const body = JSON.stringify({ question: 'How much did SoftBank invest in OpenAI?' });
    socket.write(`POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    void trickle(socket, body, 100);
    const { text, closedAfterMs } = await closed;
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeLessThan(settings.requestTimeoutMs + 1_500);
    expect(parseRawResponse(text).status).toBe(408);
  });

  it.each([
    ['a garbage request line', 'HELLO\x01 WORLD\r\n\r\n'],
    ['a bad header line', 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n'],
    ['an invalid content length', 'POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n'],
  ])('answers %s with a JSON 400 and closes', async (_name, request) => {
    const { socket, closed } = await openRaw(3_000);
    socket.write(request);
    const { text, closedAfterMs } = await closed;
    expect(closedAfterMs).toBeDefined();
    const response = parseRawResponse(text);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'bad_request:http', message: expect.any(String) } });
  });

  it('refuses connections from one address past the cap with 429 JSON, and serves again once one closes', async () => {
    const held = await Promise.all(Array.from({ length: settings.maxConnectionsPerAddress }, () => openRaw(10_000)));
    // The server counts a connection when it accepts it; give it a moment to see all of them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await openRaw(3_000);
    const refused = await extra.closed;
    expect(parseRawResponse(refused.text).status).toBe(429);
    expect(JSON.parse(parseRawResponse(refused.text).body)).toMatchObject({ error: { code: 'rate_limited:connections' } });

    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await openRaw(3_000);
    next.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(parseRawResponse((await next.closed).text).status).toBe(200);
    for (const exchange of held.slice(1)) exchange.socket.destroy();
  });

  it.each(['/sources/..', '/sources/%2e%2e', '/sources/../healthz', '/./', '/sources/.%2E/x?y=1'])('answers %s with a JSON 404', async (target) => {
    const { socket, closed } = await openRaw(3_000);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    const response = parseRawResponse((await closed).text);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'not_found:route' } });
  });
});

describe('hasDotSegment', () => {
  it.each([
    ['/sources/..', true],
    ['/sources/%2E%2e/', true],
    ['/./x', true],
    ['/sources/a..b', false],
    ['/sources/002_f81bc478674c16c2', false],
    ['/sources/x?next=/..', false],
    ['/', false],
  ])('%s → %s', (target, expected) => {
    expect(hasDotSegment(target)).toBe(expected);
  });
});
