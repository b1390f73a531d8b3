import { describe, expect, it } from 'vitest';
import { parseQuestionResolution } from './parse-question-resolution.js';

describe('parseQuestionResolution', () => {
  it('reads the standalone question and the renderings asked for', () => {
    const reply = '{"standalone": "How many GPUs will Korea add?", "renderings": {"Chinese": "韓國將增加多少個GPU？"}}';
    expect(parseQuestionResolution(reply, ['zh'], 2000)).toEqual({
      standalone: 'How many GPUs will Korea add?',
      renderings: [{ language: 'zh', text: '韓國將增加多少個GPU？' }],
    });
  });

  it('finds the object inside a code fence and accepts language codes as keys', () => {
    const reply = 'Here you go:\n```json\n{"standalone":"英伟达H20的显存是多少？","renderings":{"en":"How much memory does the NVIDIA H20 have?"}}\n```';
    expect(parseQuestionResolution(reply, ['en'], 2000).renderings).toEqual([{ language: 'en', text: 'How much memory does the NVIDIA H20 have?' }]);
  });

  it('drops renderings that were not asked for, empty ones and copies of the question', () => {
    const reply = '{"standalone":"Q?","renderings":{"Chinese":"","English":"Q?","French":"Q ?"}}';
    expect(parseQuestionResolution(reply, ['zh', 'en'], 2000).renderings).toEqual([]);
  });

  it.each([
    ['no JSON at all', 'Korea plans 18,000 GPUs.'],
    ['broken JSON', '{"standalone": "Q?", '],
    ['no standalone question', '{"renderings": {"Chinese": "问题"}}'],
    ['an over-long standalone question', `{"standalone": "${'x'.repeat(50)}"}`],
  ])('throws on %s', (_name, reply) => {
    expect(() => parseQuestionResolution(reply, ['zh'], 40)).toThrow();
  });
});
