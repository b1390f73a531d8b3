import { describe, expect, it } from 'vitest';
import type { PassageStore } from '../ports.js';
import { createCorpusRoute } from './corpus-route.js';

const store = (languages?: PassageStore['languages']): PassageStore => ({
  keywordSearch: async () => [],
  vectorSearch: async () => [],
  getDocument: async () => undefined,
  stats: async () => ({ documents: 5, passages: 212, embedding: null }),
  ...(languages ? { languages } : {}),
});

describe('GET /api/corpus', () => {
  it('reports the counts and the languages the store holds', async () => {
    const response = await createCorpusRoute({ store: store(async () => ['en', 'zh-Hant']) }).request('/api/corpus');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual({ documents: 5, passages: 212, languages: ['en', 'zh-Hant'] });
  });

  it('reports no languages for a store that cannot list them', async () => {
    const response = await createCorpusRoute({ store: store() }).request('/api/corpus');
    expect(await response.json()).toEqual({ documents: 5, passages: 212, languages: [] });
  });
});
