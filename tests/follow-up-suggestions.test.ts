import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoQuestions } from '../src/http/widget-routes.js';
import { exampleQuestions } from '../src/widget/labels.js';
import { createSeededDeps, type SeededDeps } from './support/create-seeded-deps.js';

interface AskBody {
  refused: boolean;
  citations: Array<{ docId: string; paragraph: number; quote: string }>;
  suggestions: string[];
}

type Turn = { role: 'user' | 'assistant'; content: string };

// Suggestions on the real seeds, through the real routes: each one, clicked after its answer
// (sent with the conversation, as the widget sends it), must get a cited answer that quotes
// something the first answer did not.
describe('suggested follow-up questions on the seeded index', () => {
  let seeded: SeededDeps;
  beforeAll(async () => {
    seeded = await createSeededDeps();
  });
  afterAll(() => seeded.cleanup());

  async function ask(question: string, history: Turn[] = []): Promise<AskBody> {
    const response = await seeded.createTestApp().request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, history }) });
    expect(response.status).toBe(200);
    return (await response.json()) as AskBody;
  }

  const examples = [...new Set([...demoQuestions, ...Object.values(exampleQuestions).flat()])];

  it('offers at most three for each example question, each answered with a new cited quote', async () => {
    let offered = 0;
    for (const question of examples) {
      const first = await ask(question);
      expect(first.suggestions.length, question).toBeLessThanOrEqual(3);
      if (first.suggestions.length) offered++;
      const history: Turn[] = [{ role: 'user', content: question }, { role: 'assistant', content: 'answer' }];
      for (const suggestion of first.suggestions) {
        expect(suggestion, question).not.toBe(question);
        const next = await ask(suggestion, history);
        expect(next.refused, suggestion).toBe(false);
        expect(next.citations.length, suggestion).toBeGreaterThan(0);
        const shown = new Set(first.citations.map((citation) => citation.quote));
        expect(next.citations.some((citation) => !shown.has(citation.quote)), suggestion).toBe(true);
      }
    }
    // Measured: 3 of the 8 examples get some (none is better than a weak one); fewer means drafting or checking broke.
    expect(offered).toBeGreaterThanOrEqual(3);
  });

  it('offers none after a refusal', async () => {
    const refused = await ask('Who won the football match last night?');
    expect(refused.refused).toBe(true);
    expect(refused.suggestions).toEqual([]);
  });

  it('streams them as a data-suggestions part before the finish', async () => {
    const question = '韩国计划扩充多少个高性能GPU？';
    const expected = (await ask(question)).suggestions;
    expect(expected.length).toBeGreaterThan(0);
    const response = await seeded.createTestApp().request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }] }),
    });
    const parts = (await response.text())
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: ') && frame !== 'data: [DONE]')
      .map((frame) => JSON.parse(frame.slice(6)) as { type: string; data?: unknown });
    const types = parts.map((part) => part.type);
    expect(parts.find((part) => part.type === 'data-suggestions')?.data).toEqual({ questions: expected });
    expect(types.indexOf('data-suggestions')).toBeGreaterThan(types.lastIndexOf('text-delta'));
    expect(types.indexOf('data-suggestions')).toBeLessThan(types.indexOf('finish'));
    expect(types.at(-1)).toBe('finish');
  });
});
