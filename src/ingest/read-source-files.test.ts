import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docIdFromFileName } from './read-source-files.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('docIdFromFileName', () => {
  it.each([
    ['002_f81bc478674c16c2.txt', '002_f81bc478674c16c2'],
    ['報告.txt', '報告'],
    ['新聞.md', '新聞'],
    ['Ünïcode-naïve_1.2.html', 'Ünïcode-naïve_1.2'],
    ['한국어.txt', '한국어'],
  ])('keeps a name that is already an id: %s → %s', (fileName, expected) => {
    expect(docIdFromFileName(fileName)).toBe(expected);
  });

  it.each([
    ['a b.txt', /^a-b-[0-9a-f]{8}$/u],
    ['報告 (1).txt', /^報告--1--[0-9a-f]{8}$/u],
    ['..txt', /^--[0-9a-f]{8}$/u],
    ['...txt', /^-\.-[0-9a-f]{8}$/u],
    ['"quoted" <b>.txt', /^-quoted---b--[0-9a-f]{8}$/u],
    [`${'長'.repeat(300)}.txt`, /^長{111}-[0-9a-f]{8}$/u],
  ])('adds a short hash when the name had to change: %s', (fileName, expected) => {
    expect(docIdFromFileName(fileName)).toMatch(expected);
  });

  it('never folds two different names into one id', () => {
    const names = ['報告.txt', '新聞.txt', '日本.txt', 'a b.txt', 'a-b.txt', 'a_b.txt', 'a?b.txt', 'a*b.txt', '..txt', '.a.txt', '-a.txt'];
    const ids = names.map(docIdFromFileName);
    expect(new Set(ids).size).toBe(names.length);
  });

  it('keeps the ids of the bundled seeds that the eval questions reference', async () => {
    const seeds = (await readdir(path.join(root, 'seeds'))).filter((name) => name.endsWith('.txt'));
    expect(seeds.map(docIdFromFileName)).toEqual(seeds.map((name) => name.slice(0, -'.txt'.length)));
    const questions = await readFile(path.join(root, 'evals/questions.jsonl'), 'utf8');
    const referenced = new Set([...questions.matchAll(/"docId":\s*"([^"]+)"/gu)].map((match) => match[1]!));
    expect(referenced.size).toBeGreaterThan(0);
    for (const docId of referenced) expect(seeds.map(docIdFromFileName)).toContain(docId);
  });
});
