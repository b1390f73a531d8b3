import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

let seeded: SeededDeps;
let app: ReturnType<SeededDeps['createTestApp']>;

beforeAll(async () => {
  seeded = await createSeededDeps();
  app = seeded.createTestApp();
});
afterAll(() => seeded.cleanup());

interface AskResponse {
  answer: string;
  refused: boolean;
  citations: Array<{ n: number; docId: string; quote: string; passage: string; start: number; end: number }>;
}

async function ask(question: string): Promise<AskResponse> {
  const response = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as AskResponse;
}

// The questions a new user asked in the widget that used to be answered with a quote on the topic.
describe('offline refusals that say what is missing (bundled seeds)', () => {
  it.each([
    { question: '黃仁勳的太太叫什麼名字？', names: '「太太」' },
    { question: '苹果公司2024年的营收是多少？', names: '「苹果」' },
    { question: 'What cooperation did Semtech announce with Nvidia?', names: '“Semtech”' },
  ])('refuses "$question", naming what no source mentions', async ({ question, names }) => {
    const body = await ask(question);
    expect(body.refused).toBe(true);
    expect(body.citations).toEqual([]);
    expect(body.answer).toContain(names);
  });

  it('refuses a question for another year, citing what the sources give for the year they have', async () => {
    const body = await ask('英伟达2025年的营收是多少？');
    expect(body.refused).toBe(true);
    expect(body.answer.startsWith('资料来源没有提到2025年的情况。')).toBe(true);
    expect(body.citations).toHaveLength(1);
    const [hint] = body.citations;
    expect(hint!.quote).toMatch(/营收/);
    expect(hint!.quote).toMatch(/20(?!25)\d\d/);
    expect(hint!.passage.slice(hint!.start, hint!.end)).toBe(hint!.quote);
    expect(body.answer).toContain(`[${hint!.n}]`);
  });

  it.each([
    'How many GPUs does Japan plan to buy?',
    'How many employees does NVIDIA have?',
    '英伟达H20芯片在中国的售价是多少？',
  ])('refuses "%s", whose quotes on the topic do not hold the answer', async (question) => {
    const body = await ask(question);
    expect(body.refused).toBe(true);
    expect(body.citations).toEqual([]);
  });

  it('answers NVIDIA\'s share of China\'s AI chip market from the Chinese article that gives it, not with another company\'s share', async () => {
    const body = await ask("What share of China's AI chip market does NVIDIA hold?");
    expect(body.citations.some((citation) => citation.quote.includes("Arm's"))).toBe(false);
    // The English article never names China: its passages go below the ones that name both names.
    expect(body.refused).toBe(false);
    expect(body.citations[0]!.quote).toContain('90%');
  });
});

// English questions about what only the Chinese articles say, in keyword mode (no embeddings).
describe('English questions answered from Chinese passages (bundled seeds)', () => {
  it.each([
    // "Jensen Huang" is mined from 黃仁勳(Jensen Huang、見圖): a bracket with a note after the name.
    { question: 'How big did Jensen Huang say the Chinese AI market would be in two to three years?', fact: '500億美元' },
    // "GPU", "CPU" and "QPS" are searched as written: Chinese articles write codes in Latin letters.
    { question: 'In 2019, what QPS did Jensen Huang say a GPU achieves on recommender systems compared with a CPU?', fact: '780 QPS' },
  ])('answers "$question"', async ({ question, fact }) => {
    const body = await ask(question);
    expect(body.refused).toBe(false);
    expect(body.citations.some((citation) => citation.quote.includes(fact))).toBe(true);
  });
});
