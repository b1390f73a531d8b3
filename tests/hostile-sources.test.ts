// Source folders and documents an attacker or a careless editor could hand to ingest: names in
// any script, symlinks out of the folder, oversize files, and documents too long for one page.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceFiles } from '../src/ingest/read-source-files.js';
import { parseConfig } from '../src/config.js';
import { createNodeDeps } from '../src/create-node-deps.js';
import { createRecordingLogger, createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

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

describe('symlinks and oversize files in the source folder', () => {
  let root: string;
  let folder: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hostile-folder-'));
    folder = path.join(root, 'seeds');
    await mkdir(path.join(folder, 'nested'), { recursive: true });
    await writeFile(path.join(root, 'secret.txt'), 'root:x:0:0:the password file outside the folder\n');
    await writeFile(path.join(folder, 'article.txt'), 'An article\n\nJapan plans to buy GPUs.\n');
    await writeFile(path.join(folder, 'nested', 'inside.txt'), 'Inside\n\nA file in a subfolder, linked from the top.\n');
    await writeFile(path.join(folder, 'big.txt'), `Big\n\n${'word '.repeat(400)}\n`);
    await symlink(path.join(root, 'secret.txt'), path.join(folder, 'escape.txt'));
    await symlink('../secret.txt', path.join(folder, 'relative-escape.txt'));
    await symlink('nested/inside.txt', path.join(folder, 'inside-link.txt'));
    await symlink('/etc/hostname', path.join(folder, 'hostname.txt'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('does not follow a symlink out of the folder, follows one inside it, and skips files over the size cap', async () => {
    const { files, skipped } = await readSourceFiles(folder, { maxFileBytes: 1_000 });
    expect(files.map((file) => file.docId).sort()).toEqual(['article', 'inside-link']);
    expect(skipped.map((file) => [path.basename(file.sourcePath), file.reason.split(/[:,]/u)[0]])).toEqual([
      ['big.txt', 'too large'],
      ['escape.txt', `symlink to ${path.join(root, 'secret.txt')}`],
      ['hostname.txt', expect.stringMatching(/^symlink to \/etc\/hostname|^unreadable/u)],
      ['relative-escape.txt', `symlink to ${path.join(root, 'secret.txt')}`],
    ]);
    expect(files.some((file) => file.raw.includes('password'))).toBe(false);
  });

  it('follows symlinks out of the folder only when told to', async () => {
    const { files } = await readSourceFiles(folder, { followExternalSymlinks: true });
    expect(files.find((file) => file.docId === 'escape')?.raw).toContain('password file');
  });

  it('applies INGEST_FOLLOW_SYMLINKS and INGEST_MAX_FILE_BYTES on npm start', async () => {
    // The folder is used in place: copying it would rewrite its relative symlinks.
    const start = async (environment: Record<string, string>) => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'hostile-data-'));
      const config = parseConfig({ EMBEDDINGS: 'none', LOG_LEVEL: 'silent', ...environment, DATA_DIR: dataDir, SEEDS_DIR: folder });
      const deps = await createNodeDeps(config, { ingest: true, log: createRecordingLogger().log });
      const found = { stats: await deps.store.stats(), escape: await deps.store.getDocument('escape'), big: await deps.store.getDocument('big') };
      await rm(dataDir, { recursive: true, force: true });
      return found;
    };
    const strict = await start({ INGEST_MAX_FILE_BYTES: '1000' });
    expect(strict.stats.documents).toBe(2);
    expect(strict.escape).toBeUndefined();
    expect(strict.big).toBeUndefined();
    const following = await start({ INGEST_FOLLOW_SYMLINKS: 'true' });
    expect(following.escape?.metadata.title).toBeDefined();
    expect(following.big).toBeDefined();
  });
});

describe('a source too long for one page', () => {
  let folder: string;
  let seeded: SeededDeps;
  const count = 1_200;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'long-source-'));
    const paragraphs = Array.from({ length: count }, (_, index) => `The ministry reported in section ${index + 1} that the laboratory received ${index * 7 + 3} new machines this year.`);
    await writeFile(path.join(folder, 'long.txt'), `A very long report\n\n${paragraphs.join('\n\n')}\n`);
    seeded = await createSeededDeps({}, { sourceDir: folder });
  });
  afterAll(async () => {
    await seeded.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  const paragraphIds = (html: string) => [...html.matchAll(/<p id="p-(\d+)"/gu)].map((match) => Number(match[1]));

  it('serves /sources in pages of 500 paragraphs with links between them', async () => {
    const app = seeded.createTestApp();
    expect((await seeded.store.getDocument('long'))?.paragraphs).toHaveLength(count);
    const first = await (await app.request('/sources/long')).text();
    expect(paragraphIds(first)).toEqual(Array.from({ length: 500 }, (_, index) => index + 1));
    expect(first).toContain('href="?page=2" rel="next"');
    const last = await (await app.request('/sources/long?page=3')).text();
    expect(paragraphIds(last)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1_001));
    expect(last).toContain('href="?page=2" rel="prev"');
    expect(last).not.toContain('rel="next"');
    for (const page of ['4', '0', 'x', '-1']) expect((await app.request(`/sources/long?page=${page}`)).status).toBe(404);
  });

  it('opens the page of a highlighted paragraph, and links citations to their page', async () => {
    const app = seeded.createTestApp();
    const highlighted = await (await app.request('/sources/long?hl=700:4-12')).text();
    expect(highlighted).toMatch(/<p id="p-700" class="cited">/u);
    expect(paragraphIds(highlighted)[0]).toBe(501);
    const response = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Which section says the laboratory received 4896 new machines?' }),
    });
    const body = (await response.json()) as { citations: Array<{ paragraph: number; url: string }> };
    expect(body.citations[0]).toMatchObject({ paragraph: 700, url: 'http://assistant.test/sources/long?page=2#p-700' });
  });

  it('pages /api/sources the same way', async () => {
    const json = (await (await seeded.createTestApp().request('/api/sources/long?page=2')).json()) as { page: number; pages: number; paragraphs: Array<{ n: number; url: string }> };
    expect(json.page).toBe(2);
    expect(json.pages).toBe(3);
    expect(json.paragraphs.map((paragraph) => paragraph.n)).toEqual(Array.from({ length: 500 }, (_, index) => index + 501));
    expect(json.paragraphs[0]!.url).toBe('http://assistant.test/sources/long?page=2#p-501');
  });
});
