import { Hono } from 'hono';
import { AppError } from '../core/app-error.js';
import { escapeHtml } from '../core/escape-html.js';

export interface WidgetRoutesOptions {
  /** Produces the widget bundle; called once, on the first request (or earlier by the caller). */
  loadScript: () => Promise<string>;
  /** Public base URL, without a trailing slash: where the demo page loads the widget from. */
  publicBaseUrl: string;
}

async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 12)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The demo page's example buttons, one per script; each gets a cited answer offline (tests/example-questions.test.ts). */
export const demoQuestions = ['How much did SoftBank invest in OpenAI?', '韩国计划扩充多少个高性能GPU？', '輝達2024會計年度在中國市場的營收是多少？'];

function renderDemoPage(publicBaseUrl: string): string {
  const examples = demoQuestions
    .map((question) => `<li><button type="button" data-cited-answers-question="${escapeHtml(question)}">${escapeHtml(question)}</button></li>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cited answers: a chat assistant that shows its sources</title>
<style>
  body { font: 17px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  main { max-width: 44rem; margin: 0 auto; padding: 3rem 1.25rem 8rem; }
  h1 { line-height: 1.2; margin-top: 0; }
  .lead { font-size: 1.15rem; color: #424a53; }
  ul { padding: 0; list-style: none; display: flex; flex-direction: column; gap: .6rem; }
  button { font: inherit; text-align: left; cursor: pointer; border: 1px solid #d1d9e0; background: #fff; border-radius: 10px; padding: .6rem 1rem; width: 100%; }
  button:hover { border-color: #1f5fbf; }
  button:focus-visible { outline: 3px solid #0a3069; outline-offset: 2px; }
  @media (min-width: 1100px) { main { margin-left: max(2rem, calc(50vw - 36rem)); margin-right: 440px; } }
  pre { background: #fff; border: 1px solid #d1d9e0; border-radius: 10px; padding: 1rem; overflow-x: auto; font-size: .85rem; }
</style>
</head>
<body>
<main>
  <h1>Cited answers</h1>
  <p class="lead">Ask questions about a collection of English and Chinese news articles. Every answer is built from the articles themselves, and each claim links to the paragraph it came from, with the quoted words highlighted. Questions and answers work in English, Traditional and Simplified Chinese.</p>
  <h2>Try a question</h2>
  <ul>
      ${examples}
  </ul>
  <h2>Add it to your site</h2>
  <pre>&lt;script src="${escapeHtml(publicBaseUrl)}/widget.js" defer&gt;&lt;/script&gt;</pre>
  <p>The site's origin must be listed in <code>ALLOWED_ORIGINS</code>. See the README for every attribute.</p>
</main>
<script src="/widget.js" data-open defer></script>
</body>
</html>`;
}

/**
 * GET /widget.js (the embeddable bundle, cacheable and loadable from any origin) and GET /
 * (the demo page with the widget open).
 */
export function createWidgetRoutes(options: WidgetRoutesOptions): Hono {
  const app = new Hono();
  let bundle: Promise<{ script: string; etag: string }> | undefined;
  const loadBundle = () => {
    bundle ??= options.loadScript().then(async (script) => ({ script, etag: `"${await hashText(script)}"` }));
    // A failed build is retried on the next request rather than cached.
    bundle.catch(() => (bundle = undefined));
    return bundle;
  };

  app.get('/widget.js', async (context) => {
    let loaded: { script: string; etag: string };
    try {
      loaded = await loadBundle();
    } catch (error) {
      throw new AppError('unavailable:widget', 'The widget script is not available.', { cause: error });
    }
    // The URL is not versioned: browsers may reuse it briefly, then revalidate with the ETag.
    context.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    context.header('ETag', loaded.etag);
    context.header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (context.req.header('if-none-match')?.split(/\s*,\s*/).includes(loaded.etag)) return context.body(null, 304);
    return context.body(loaded.script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  app.get('/', (context) => context.html(renderDemoPage(options.publicBaseUrl)));

  return app;
}
