import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';
import { sendWorstFollowUp } from './support/send-worst-follow-up.js';

let seeded: SeededDeps;
let server: ServerType;
let baseUrl: string;

beforeAll(async () => {
  seeded = await createSeededDeps();
  server = serve({ fetch: seeded.createTestApp().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await seeded.cleanup();
});

describe('hostile input', () => {
  it('a 246 KB follow-up never blocks the event loop for 100 ms, and /healthz answers meanwhile', async () => {
    const run = await sendWorstFollowUp(baseUrl);
    expect(run.bodyBytes).toBeGreaterThan(240_000);
    expect(run.bodyBytes).toBeLessThan(256 * 1024);
    expect(run.status).toBe(200);
    expect(run.healthProbes).toBeGreaterThan(0);
    expect(run.maxDelayMs).toBeLessThan(100);
    expect(run.slowestHealthMs).toBeLessThan(1_000);
  });
});
