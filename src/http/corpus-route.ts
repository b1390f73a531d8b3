import { Hono } from 'hono';
import type { PassageStore } from '../ports.js';

export interface CorpusInfo {
  documents: number;
  passages: number;
  /** Languages with at least one passage, as `en`, `zh-Hant`, `zh-Hans`. */
  languages: string[];
}

/**
 * GET /api/corpus: how many articles and passages the index holds and in which languages, for
 * the widget's "what I know" line. Cached by browsers and proxies for five minutes.
 */
export function createCorpusRoute(options: { store: PassageStore }): Hono {
  const app = new Hono();
  app.get('/api/corpus', async (context) => {
    const [stats, languages] = await Promise.all([options.store.stats(), options.store.languages?.() ?? []]);
    context.header('Cache-Control', 'public, max-age=300');
    return context.json({ documents: stats.documents, passages: stats.passages, languages } satisfies CorpusInfo);
  });
  return app;
}
