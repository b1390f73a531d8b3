import { describe, expect, it } from 'vitest';
import { capHistory, maxHistoryTurnChars } from './cap-history.js';

describe('capHistory', () => {
  it('cuts each turn to the limit and leaves short turns as they are', () => {
    const short = { role: 'assistant' as const, content: 'short' };
    const capped = capHistory([{ role: 'user', content: 'a'.repeat(240_000) }, short]);
    expect(capped[0]!.content).toHaveLength(maxHistoryTurnChars);
    expect(capped[1]).toBe(short);
  });

  it('keeps only the last turns and never splits a surrogate pair', () => {
    const turns = Array.from({ length: 30 }, (_, index) => ({ role: 'user' as const, content: `q${index}` }));
    expect(capHistory(turns, 10, 3).map((turn) => turn.content)).toEqual(['q27', 'q28', 'q29']);
    expect(capHistory([{ role: 'user', content: 'ab😀' }], 3)[0]!.content).toBe('ab');
  });
});
