import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoQuestions } from '../src/http/widget-routes.js';
import { exampleQuestions } from '../src/widget/labels.js';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

// Every question the README, the demo page and the widget offer as an example must get a
// correct, cited answer offline. A new example needs its fact here, or this test fails.
const expectedFacts: Record<string, string> = {
  'How much did SoftBank invest in OpenAI?': '500 million',
  'What about Arm — how much of it does SoftBank own?': '90%',
  'What will NVIDIA and SoftBank build in Japan?': 'AI',
  '韩国计划扩充多少个高性能GPU？': '1.8萬',
  '韓國計劃擴充多少個高性能GPU？': '1.8萬',
  '輝達2024會計年度在中國市場的營收是多少？': '170億美元',
  '日本首相向黃仁勳要求什麼？': 'GPU',
  '日本首相向黄仁勋要求什么？': 'GPU',
  '黄仁勋在英伟达中国区年会上做了什么？': '年会',
};

const readme = readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
/** The Slack examples in the README form one thread: the mention, then the follow-up in it. */
const readmeThread = [...readme.matchAll(/`@Cited Answers ([^`]+)`/gu)].map((match) => match[1]!);

interface AskBody {
  answer: string;
  refused: boolean;
  citations: Array<{ quote: string; passage: string }>;
}

describe('example questions get a correct, cited answer offline', () => {
  let seeded: SeededDeps;
  beforeAll(async () => {
    seeded = await createSeededDeps();
  });
  afterAll(() => seeded.cleanup());

  async function ask(question: string, history: Array<{ role: 'user' | 'assistant'; content: string }> = []): Promise<AskBody> {
    const response = await seeded.createTestApp().request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, history }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as AskBody;
  }

  function expectAnswered(question: string, body: AskBody): void {
    const fact = expectedFacts[question];
    expect(fact, `no expected fact for the example "${question}"`).toBeDefined();
    expect(body.refused, question).toBe(false);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.citations.map((citation) => citation.quote).join(' '), question).toContain(fact);
    for (const citation of body.citations) expect(citation.passage).toContain(citation.quote);
  }

  it('the README names a Slack thread of two questions', () => {
    expect(readmeThread).toHaveLength(2);
  });

  it.each([...new Set([...demoQuestions, ...Object.values(exampleQuestions).flat()])])('%s', async (question) => {
    expectAnswered(question, await ask(question));
  });

  it("the README's Slack thread, its follow-up asked with the thread as history", async () => {
    const [first, followUp] = readmeThread as [string, string];
    const firstAnswer = await ask(first);
    expectAnswered(first, firstAnswer);
    expectAnswered(followUp, await ask(followUp, [{ role: 'user', content: first }, { role: 'assistant', content: firstAnswer.answer }]));
  });
});
