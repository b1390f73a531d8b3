import { describe, expect, it } from 'vitest';
import { sampleQuestions } from './sample-questions.js';

const items = Array.from({ length: 500 }, (_, index) => ({ id: `q${index}` }));

describe('sampleQuestions', () => {
  it('takes a fixed sample of the asked size, in the original order', () => {
    const sample = sampleQuestions(items, 100, 'seed-a');
    expect(sample).toHaveLength(100);
    expect(sample).toEqual(sampleQuestions(items, 100, 'seed-a'));
    const positions = sample.map((item) => items.indexOf(item));
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
  });

  it('depends on the seed and not on the order of the input', () => {
    const ids = (list: { id: string }[]) => list.map((item) => item.id).sort();
    expect(ids(sampleQuestions(items, 100, 'seed-a'))).not.toEqual(ids(sampleQuestions(items, 100, 'seed-b')));
    expect(ids(sampleQuestions([...items].reverse(), 100, 'seed-a'))).toEqual(ids(sampleQuestions(items, 100, 'seed-a')));
  });

  it('keeps most of the sample when items are added', () => {
    const before = new Set(sampleQuestions(items, 100, 'seed-a').map((item) => item.id));
    const after = sampleQuestions([...items, ...Array.from({ length: 10 }, (_, index) => ({ id: `new${index}` }))], 100, 'seed-a');
    expect(after.filter((item) => before.has(item.id)).length).toBeGreaterThanOrEqual(90);
  });

  it('returns everything for no size or a size not below the count, and rejects a bad size', () => {
    expect(sampleQuestions(items, undefined)).toHaveLength(500);
    expect(sampleQuestions(items, 800)).toHaveLength(500);
    expect(() => sampleQuestions(items, 0)).toThrow('positive integer');
    expect(() => sampleQuestions(items, 2.5)).toThrow('positive integer');
  });
});
