import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLead, runSuites, suiteFiles, type SuitesRun } from './run-suites.js';

const article = (title: string, paragraphs: Array<{ context: string; qas: Array<{ id: string; question: string; answer?: string }> }>) => ({
  title,
  paragraphs: paragraphs.map(({ context, qas }) => ({
    context,
    qas: qas.map(({ id, question, answer }) => ({ id, question, answers: answer ? [{ text: answer, answer_start: context.indexOf(answer) }] : [], is_impossible: answer === undefined })),
  })),
});

const sets = {
  drcd: [
    article('梵文', [
      { context: '在歐洲，梵語的學術研究，由德國學者陸特和漢斯雷頓開創。後來威廉·瓊斯發現印歐語系。', qas: [{ id: 'd1', question: '陸特和漢斯雷頓開創了哪一地區對梵語的學術研究？', answer: '歐洲' }] },
      { context: '梵語是印度的古典語言，也是佛教經典使用的語言之一，被稱為天城體的文字書寫。', qas: [{ id: 'd2', question: '梵語通常用什麼文字書寫？', answer: '天城體' }] },
    ]),
  ],
  cmrc: [article('战国无双3', [{ context: '《战国无双3》是由光荣和ω-force开发的战国无双系列的正统第三续作。', qas: [{ id: 'c1', question: '《战国无双3》是由哪两个公司合作开发的？', answer: '光荣和ω-force' }] }])],
  squad: [
    article('Normans', [
      {
        context: 'The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France.',
        qas: [
          { id: 's1', question: 'In what country is Normandy located?', answer: 'France' },
          { id: 's2', question: 'What is the boiling point of liquid nitrogen at sea level?' },
        ],
      },
    ]),
  ],
};

describe('runSuites', () => {
  let folder: string;
  let run: SuitesRun;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'suites-run-'));
    for (const [suite, data] of Object.entries(sets)) await writeFile(path.join(folder, suiteFiles[suite as keyof typeof suiteFiles]), JSON.stringify({ data }));
    run = await runSuites({ suites: ['drcd', 'cmrc', 'squad'], datasetsDir: folder, environment: { EMBEDDINGS: 'none' } });
  }, 60_000);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('indexes every article of every set as one corpus, paragraph for paragraph', () => {
    expect(run.index).toMatchObject({ documents: 3, passages: 4 });
    expect(run.sample).toEqual({ size: null, seed: undefined });
  });

  it('asks through /api/ask and scores the gold paragraph, the quote and the peer', () => {
    const drcd = run.suites.drcd!;
    expect(drcd.cases.map((entry) => entry.gold)).toEqual([['drcd-1#1'], ['drcd-1#2']]);
    expect(drcd.cases[0]).toMatchObject({ retrieved: expect.arrayContaining(['drcd-1#1']), refused: false, cited: ['drcd-1#1'], peer: expect.arrayContaining(['drcd-1#1']) });
    expect(drcd.summary.metrics).toMatchObject({ hitAt1: 1, answerInQuote: 1, falseRefusalRate: 0, peerHitAt1: 1 });
    expect(run.suites.cmrc!.summary.metrics).toMatchObject({ hitAt1: 1, goldCitationRate: 1 });
  });

  it('counts refusals of the unanswerable questions on their own', () => {
    const squad = run.suites.squad!.summary;
    expect(squad).toMatchObject({ answerable: 1, unanswerable: 1 });
    expect(squad.metrics).toMatchObject({ hitAt1: 1, unanswerableRefusalRate: 1 });
    expect(squad.metrics.latencyP50).toBeGreaterThan(0);
  });
});

describe('readLead', () => {
  it.each([
    { answer: '**$500 million**, according to the sources:\n\n- “SoftBank contributed $500 million”[1]', lead: '$500 million' },
    { answer: '根據資料來源：**1.8萬個**\n\n- 「擴充1.8萬個高性能GPU」[1]', lead: '1.8萬個' },
    { answer: 'Here is what the sources say:\n\n- “It has **bold** text”[1]', lead: undefined },
  ])('$lead', ({ answer, lead }) => {
    expect(readLead(answer)).toBe(lead);
  });
});
