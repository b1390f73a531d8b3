import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/app-error.js';
import { allowOrigins } from './allow-origins.js';

function createGatedApp(publicBaseUrl: string, allowedOrigins: string[] = []) {
  const app = new Hono();
  app.use('/api/*', allowOrigins({ publicBaseUrl, allowedOrigins }));
  app.post('/api/ask', (context) => context.json({ ok: true }));
  app.onError((error, context) => context.json({ error: isAppError(error) ? error.code : 'internal' }, isAppError(error) ? (error.status as 403) : 500));
  return app;
}

describe('allowOrigins', () => {
  it.each([
    ['our public origin', 'https://answers.example.com', 'answers.example.com', 'https://answers.example.com', [], 200],
    ['an attacker domain rebound to us (Host and Origin agree)', 'https://answers.example.com', 'evil.example:8787', 'http://evil.example:8787', [], 403],
    ['a rebound domain on the default loopback base', 'http://127.0.0.1:8787', 'rebind.evil.example:8787', 'http://rebind.evil.example:8787', [], 403],
    ['localhost for a 127.0.0.1 base on the same port', 'http://127.0.0.1:8787', 'localhost:8787', 'http://localhost:8787', [], 200],
    ['[::1] for a localhost base', 'http://localhost:8787', '[::1]:8787', 'http://[::1]:8787', [], 200],
    ['localhost on another port', 'http://127.0.0.1:8787', 'localhost:9999', 'http://localhost:9999', [], 403],
    ['a listed origin', 'https://answers.example.com', 'answers.example.com', 'https://blog.example.com', ['https://blog.example.com'], 200],
    ['any origin with *', 'https://answers.example.com', 'evil.example', 'https://evil.example', ['*'], 200],
  ])('%s', async (_name, publicBaseUrl, host, origin, allowed, status) => {
    const app = createGatedApp(publicBaseUrl, allowed);
    const response = await app.request(`http://${host}/api/ask`, { method: 'POST', headers: { host, origin } });
    expect(response.status).toBe(status);
  });

  it('lets a request without an Origin header through (curl, server to server)', async () => {
    const response = await createGatedApp('https://answers.example.com').request('http://evil.example/api/ask', { method: 'POST' });
    expect(response.status).toBe(200);
  });
});
