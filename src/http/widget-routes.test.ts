import { describe, expect, it } from 'vitest';
import type { AnswerDeps } from '../engine/answer-question.js';
import type { PassageStore } from '../ports.js';
import { createApp } from './create-app.js';

const script = '(()=>{console.log("widget")})();';

function buildApp(loadWidgetScript?: () => Promise<string>) {
  return createApp({
    answer: {} as AnswerDeps,
    store: {} as PassageStore,
    publicBaseUrl: 'https://answers.example',
    allowedOrigins: [],
    health: { retrieval: { mode: 'keyword', reason: 'test' }, llm: { mode: 'extractive' } },
    log: { info() {}, warn() {}, error() {} },
    loadWidgetScript,
  });
}

describe('GET /widget.js', () => {
  it('serves the bundle as JavaScript, cacheable and embeddable from any origin', async () => {
    let builds = 0;
    const app = buildApp(async () => {
      builds += 1;
      return script;
    });
    const response = await app.request('/widget.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(script);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{24}"$/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const again = await app.request('/widget.js', { headers: { 'If-None-Match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(response.headers.get('etag'));
    expect(builds).toBe(1);

    expect((await app.request('/widget.js', { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
  });

  it('answers 503 while the bundle cannot be built, and retries on the next request', async () => {
    let attempts = 0;
    const app = buildApp(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('esbuild missing');
      return script;
    });
    const failed = await app.request('/widget.js');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: { code: 'unavailable:widget', message: 'The widget script is not available.' } });
    expect((await app.request('/widget.js')).status).toBe(200);
  });

  it('is absent when no bundle loader is given', async () => {
    expect((await buildApp().request('/widget.js')).status).toBe(404);
  });
});

describe('GET /', () => {
  it('serves the demo page with the widget open and examples in three scripts', async () => {
    const response = await buildApp(async () => script).request('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<script src="/widget.js" data-open defer></script>');
    for (const question of ['How much did SoftBank invest in OpenAI?', '韩国计划扩充多少个高性能GPU？', '輝達2024會計年度在中國市場的營收是多少？']) {
      expect(html).toContain(`data-cited-answers-question="${question}"`);
    }
    expect(html).toContain('https://answers.example/widget.js');
    // The page's own CSP must allow what it uses: same-origin scripts and inline styles.
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});
