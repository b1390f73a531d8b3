import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSquadDataset, parseSquadDataset } from './load-squad-dataset.js';

const squad = {
  version: 'v2.0',
  data: [
    {
      title: 'Normans',
      paragraphs: [
        {
          context: 'The Normans were the people who gave their name to Normandy, a region in France.',
          qas: [
            { id: 'q1', question: 'In what country is Normandy located?', answers: [{ text: 'France', answer_start: 75 }, { text: 'France', answer_start: 75 }], is_impossible: false },
            { id: 'q2', question: 'Who gave their name to Normandy in the 1000s?', answers: [], plausible_answers: [{ text: 'Normans', answer_start: 4 }], is_impossible: true },
          ],
        },
      ],
    },
    {
      id: 'DEV_0',
      paragraphs: [{ context: '《战国无双3》是由光荣和ω-force开发的。', qas: [{ id: 'DEV_0_QUERY_0', question: '由哪两个公司开发的？', answers: [{ text: '光荣和ω-force' }] }, { id: 'DEV_0_QUERY_1', question: '何时发售？', answers: [{ text: '' }] }] }],
    },
  ],
};

describe('parseSquadDataset', () => {
  it('reads articles, paragraphs and questions, answerable or not (SQuAD 2.0 is_impossible)', () => {
    const dataset = parseSquadDataset(squad, 'test.json');
    expect(dataset.articles.map((article) => article.title)).toEqual(['Normans', 'DEV_0']);
    expect(dataset.articles[1]!.paragraphs).toEqual(['《战国无双3》是由光荣和ω-force开发的。']);
    expect(dataset.questions).toEqual([
      { id: 'q1', question: 'In what country is Normandy located?', answers: ['France'], answerable: true, articleIndex: 0, paragraphIndex: 0 },
      { id: 'q2', question: 'Who gave their name to Normandy in the 1000s?', answers: [], answerable: false, articleIndex: 0, paragraphIndex: 0 },
      { id: 'DEV_0_QUERY_0', question: '由哪两个公司开发的？', answers: ['光荣和ω-force'], answerable: true, articleIndex: 1, paragraphIndex: 0 },
    ]);
    expect(dataset.skipped).toEqual([{ id: 'DEV_0_QUERY_1', reason: 'answerable but no answer text' }]);
  });

  it.each([
    { value: { data: [] }, message: /test\.json: not a SQuAD-format file: data: / },
    { value: { data: [{ title: 'x', paragraphs: [{ qas: [] }] }] }, message: /data\[0\]\.paragraphs\[0\]\.context/ },
    { value: { data: [{ title: 'x', paragraphs: [{ context: 'c', qas: [{ id: 'a', question: 7, answers: [] }] }] }] }, message: /data\[0\]\.paragraphs\[0\]\.qas\[0\]\.question/ },
    { value: [1, 2], message: /\(root\)|data/ },
  ])('names the first invalid field: $message', ({ value, message }) => {
    expect(() => parseSquadDataset(value, 'test.json')).toThrow(message);
  });

  it('rejects a duplicate question id', () => {
    const twice = { data: [{ title: 't', paragraphs: [{ context: 'c', qas: [{ id: 'a', question: 'q?', answers: [{ text: 'c' }] }, { id: 'a', question: 'r?', answers: [{ text: 'c' }] }] }] }] };
    expect(() => parseSquadDataset(twice, 'f.json')).toThrow('f.json: duplicate question id a');
  });
});

describe('loadSquadDataset', () => {
  it('reads a file, and says which file holds invalid JSON', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'squad-'));
    try {
      await writeFile(path.join(folder, 'good.json'), JSON.stringify(squad));
      await writeFile(path.join(folder, 'bad.json'), '{ "data": [');
      expect((await loadSquadDataset(path.join(folder, 'good.json'))).questions).toHaveLength(3);
      await expect(loadSquadDataset(path.join(folder, 'bad.json'))).rejects.toThrow(/bad\.json: .*JSON/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('loads the vendored sets with the sizes their README gives', async () => {
    const drcd = await loadSquadDataset('evals/datasets/drcd-dev.json');
    const cmrc = await loadSquadDataset('evals/datasets/cmrc2018-dev.json');
    const squadSubset = await loadSquadDataset('evals/datasets/squad2-dev-subset.json');
    expect([drcd.articles.length, drcd.questions.length]).toEqual([383, 3524]);
    expect([cmrc.questions.length, cmrc.skipped.length]).toEqual([3219, 0]);
    expect([squadSubset.questions.length, squadSubset.questions.filter((question) => !question.answerable).length]).toEqual([950, 477]);
  });
});
