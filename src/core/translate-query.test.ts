import { describe, expect, it } from 'vitest';
import { createBilingualLexicon } from './bilingual-lexicon.js';
import { normalizeSearchText } from './normalize-search-text.js';
import { createNameCheck, createQueryCoverage, createTranslatedCoverage, translateQuery, translationSettings } from './translate-query.js';

// A few CC-CEDICT lines in the compact form, both directions.
const dictionary = {
  englishByChinese: new Map([
    ['沙特', 'saudi|saudi arabia'],
    ['芯片', 'computer chip|microchip'],
    ['晶片', 'chip'],
    ['英伟达', 'nvidia'],
    ['投资', 'investment|invest'],
    ['多少', 'how much|how many|amount'],
    ['中国', 'china'],
    ['哀', 'sorrow'],
    ['购买', 'purchase|buy'],
  ]),
  chineseByEnglish: new Map([
    ['saudi', '沙特'],
    ['saudi arabia', '沙特|沙特阿拉伯'],
    ['chip', '晶片|芯片|碎片|筹码|薯片|切片|脆片|裂片'],
    ['nvidia', '英伟达'],
    ['invest', '投资'],
    ['investment', '投资'],
    ['buy', '购买|买|买入'],
    ['how many', '多少'],
    ['china', '中国'],
    ['ai', '哀'],
    ['gpu', '图形处理器'],
  ]),
};
const aliases = [{ chinese: '輝達', english: 'Nvidia Corp.' }];

describe('translateQuery', () => {
  const lexicon = createBilingualLexicon(dictionary, aliases);

  it('renders English terms in Chinese, phrases first, and drops question and function words', () => {
    const { concepts, searchText } = translateQuery('How many H100 chips did Saudi Arabia buy?', lexicon);
    expect(concepts.map((concept) => concept.term)).toEqual(['h100', 'chips', 'saudi arabia', 'buy']);
    expect(concepts.find((concept) => concept.term === 'saudi arabia')!.translations).toEqual(['沙特', '沙特阿拉伯']);
    expect(searchText.split(' ')).toEqual(expect.arrayContaining(['h100', '沙特', '晶片', '购买']));
  });

  it('weighs a term down by its number of translations, but not a code written alike in both languages', () => {
    const weightOf = (term: string) => translateQuery('How many H100 chips did Saudi Arabia buy?', lexicon).concepts.find((concept) => concept.term === term)!.weight;
    expect(weightOf('chips')).toBeLessThan(weightOf('buy'));
    expect(weightOf('h100')).toBe(1.5);
  });

  it('renders Chinese words as English glosses', () => {
    const { concepts } = translateQuery('软银投资了多少？', lexicon);
    expect(concepts.find((concept) => concept.term === '投资')!.translations).toEqual(['investment', 'invest']);
    expect(concepts.some((concept) => concept.term === '多少')).toBe(false);
  });

  it('bridges Taiwan and mainland names through the English name mined from the corpus', () => {
    const bridged = translateQuery('輝達', lexicon).concepts[0]!;
    expect(bridged.translations).toEqual(['nvidia corp', 'nvidia', '英伟达']);
    expect(translateQuery('英偉達', lexicon).concepts[0]!.translations).toContain('辉达');
    expect(translateQuery('輝達', createBilingualLexicon(dictionary)).concepts[0]?.translations ?? []).toEqual([]);
  });

  it('searches a code as written as well as rendered, in the singular: Chinese text writes AI and GPU so', () => {
    const words = translateQuery('How many AI GPUs did Saudi Arabia buy?', lexicon).searchText.split(' ');
    expect(words).toEqual(expect.arrayContaining(['ai', '哀', 'gpu', '图形', '沙特']));
    expect(words).not.toContain('gpus');
    // A lower-case word is no code: "chips" is searched by its renderings only.
    expect(words).not.toContain('chips');
  });

  it('finds nothing to search when no term translates', () => {
    expect(translateQuery('Who won the Champions League?', createBilingualLexicon({ englishByChinese: new Map(), chineseByEnglish: new Map() })).searchText).toBe('');
  });
});

describe('translated coverage', () => {
  const lexicon = createBilingualLexicon(dictionary, aliases);
  const chinesePassage = normalizeSearchText('當時沙特已購買至少3000個英偉達H100晶片');

  it('counts terms found through a translation less than terms found as written, less the crossing margin', () => {
    const translation = translateQuery('How many Nvidia H100 chips did Saudi Arabia buy?', lexicon);
    const coverage = createTranslatedCoverage(translation)(chinesePassage);
    const total = translation.concepts.reduce((sum, concept) => sum + concept.weight, 0);
    const asWritten = translation.concepts.find((concept) => concept.term === 'h100')!.weight;
    const expected = (asWritten + (total - asWritten) * translationSettings.translatedCredit) / total - translationSettings.crossingPenalty;
    expect(coverage).toBeCloseTo(expected, 5);
  });

  it('leaves a passage reached through no translation to plain keyword coverage', () => {
    const translation = translateQuery('How many Nvidia H100 chips did Saudi Arabia buy?', lexicon);
    const englishPassage = normalizeSearchText('Saudi Arabia will buy H100 chips from Nvidia');
    expect(createTranslatedCoverage(translation)(englishPassage)).toBe(0);
    expect(createTranslatedCoverage(translation, { anyPassage: true })(englishPassage)).toBe(1);
  });

  it('needs an untranslatable code of the question in the passage (Blackwell, H200)', () => {
    const coverage = createQueryCoverage('英伟达Blackwell芯片投资多少？', lexicon);
    expect(coverage(normalizeSearchText('Nvidia chip investment in Japan'))).toBe(0);
    expect(coverage(normalizeSearchText('Nvidia Blackwell chip investment in Japan'))).toBeGreaterThan(0.3);
  });

  it('is the keyword coverage without a lexicon', () => {
    expect(createQueryCoverage('How many chips did Saudi Arabia buy?', null)(chinesePassage)).toBe(0);
    expect(createQueryCoverage('How many chips did Saudi Arabia buy?', lexicon)(chinesePassage)).toBeGreaterThan(0.3);
  });

  it('scores a same-language passage with the other Chinese name on the rewritten question, the gain at translated credit', () => {
    const question = '輝達在上海的辦公室有多大？';
    expect(translateQuery(question, lexicon).variants).toEqual(['英伟达在上海的办公室有多大?']);
    const mainland = normalizeSearchText('英伟达上海办公室面积三万平方米');
    const asWritten = createQueryCoverage(question, null)(mainland);
    const rewritten = createQueryCoverage("英伟达在上海的办公室有多大?", null)(mainland);
    expect(createQueryCoverage(question, lexicon)(mainland)).toBeCloseTo(asWritten + translationSettings.translatedCredit * (rewritten - asWritten), 5);
    expect(createQueryCoverage(question, createBilingualLexicon(dictionary))(mainland)).toBe(asWritten);
  });
});

describe('createNameCheck', () => {
  const lexicon = createBilingualLexicon(dictionary, aliases);
  const searchText = (text: string) => normalizeSearchText(text);

  it('holds a passage to every name, as written or through a rendering of the question term that holds it', () => {
    const question = "What share of China's chip market does Nvidia hold?";
    const namesAll = createNameCheck([['china'], ['nvidia']], translateQuery(question, lexicon));
    expect(namesAll(searchText('英伟达在中国芯片市场的占有率超过90%。'))).toBe(true);
    expect(namesAll(searchText("Nvidia holds 90% of China's chip market."))).toBe(true);
    expect(namesAll(searchText('Nvidia holds 90% of the chip market in Japan.'))).toBe(false);
    expect(namesAll(searchText('英伟达在日本芯片市场的占有率超过90%。'))).toBe(false);
  });

  it('takes only written forms without a translation', () => {
    const namesAll = createNameCheck([['china']]);
    expect(namesAll(searchText('China is a big market.'))).toBe(true);
    expect(namesAll(searchText('中国是大市场。'))).toBe(false);
  });
});
