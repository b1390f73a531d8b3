// Source folders and documents an attacker or a careless editor could hand to ingest: names in
// any script, symlinks out of the folder, oversize files, and documents too long for one page.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

describe('documents named in Chinese', () => {
  let folder: string;
  let seeded: SeededDeps;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'cjk-names-'));
    await writeFile(path.join(folder, '報告.txt'), '日本半導體報告\n\n日本政府計畫採購一萬個輝達GPU，用於國家AI雲端平台。\n');
    await writeFile(path.join(folder, '新聞.txt'), '韓國晶片新聞\n\n韓國政府宣布擴充一萬八千個高性能GPU，以支援國內研究機構。\n');
    seeded = await createSeededDeps({}, { sourceDir: folder });
  });
  afterAll(async () => {
    await seeded.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  it('ingests both under distinct ids that keep their letters', async () => {
    expect((await seeded.store.stats()).documents).toBe(2);
    expect((await seeded.store.getDocument('報告'))?.metadata.title).toBe('日本半導體報告');
    expect((await seeded.store.getDocument('新聞'))?.metadata.title).toBe('韓國晶片新聞');
  });

  it('serves each at its percent-encoded /sources URL, and cites it with that URL', async () => {
    const app = seeded.createTestApp();
    for (const [docId, title] of [['報告', '日本半導體報告'], ['新聞', '韓國晶片新聞']]) {
      const response = await app.request(`/sources/${encodeURIComponent(docId!)}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(title);
    }
    const answer = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '韓國政府擴充多少個GPU？' }),
    });
    const body = (await answer.json()) as { citations: Array<{ docId: string; url: string }> };
    expect(body.citations[0]).toMatchObject({ docId: '新聞', url: `http://assistant.test/sources/${encodeURIComponent('新聞')}#p-1` });
  });
});
