import { describe, expect, it } from 'vitest';
import { splitTrailingTeasers } from './split-trailing-teasers.js';
import type { DraftParagraph } from './types.js';

function toParagraphs(texts: string[]): DraftParagraph[] {
  return texts.map((text, index) => ({ lines: [index + 1], text, kind: 'body' }));
}

const complete = 'The committee approved the budget after a long debate that lasted well into the evening hours.';
const cutOff = 'A new study of coastal wetlands suggests that rising sea levels could threaten migrating birds across sev';
const cutOff2 = 'Meanwhile, the central bank announced a surprise cut in interest rates, saying inflation had cooled faster than';

describe('splitTrailingTeasers', () => {
  it.each([
    {
      name: 'teasers cut mid-word, with a complete line between them (English seed shape)',
      texts: [complete, complete.replace('budget', 'plan'), cutOff2, 'Shares of three carmakers fell sharply on Tuesday.', cutOff],
      keptCount: 2,
      reason: 'teaser of another story',
    },
    {
      name: 'numbered headlines ending in ..., first one unnumbered (Simplified seed shape)',
      texts: ['公司表示,新工厂年产能为30万辆。', '城市公园开放新景区。 市民可免费参观...', '2 电动车企业欧洲建厂近日,某电动车企业宣布...', '3 高铁新线路开通运营新线路全长300公里...'],
      keptCount: 1,
      reason: 'sidebar headline',
    },
    {
      name: 'a single cut-off last paragraph is kept: it may be the article itself',
      texts: [complete, cutOff],
      keptCount: 2,
      reason: '',
    },
    {
      name: 'a short heading without punctuation is not a teaser',
      texts: [complete, 'Emergency Response', complete.replace('budget', 'levy')],
      keptCount: 3,
      reason: '',
    },
    {
      name: 'two complete paragraphs in a row end the block',
      texts: [cutOff2, complete, complete.replace('budget', 'plan'), cutOff, cutOff2],
      keptCount: 3,
      reason: 'teaser of another story',
    },
  ])('$name', ({ texts, keptCount, reason }) => {
    const result = splitTrailingTeasers(toParagraphs(texts));
    expect(result.kept).toHaveLength(keptCount);
    expect(result.teasers).toHaveLength(texts.length - keptCount);
    expect(result.reason).toBe(reason);
  });
});
