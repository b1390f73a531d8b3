import { describe, expect, it } from 'vitest';
import { cleanCedictSense, compactCedict, invertCedict, leadingNameWords, romanisedNameGlosses } from './compact-cedict.js';

describe('cleanCedictSense', () => {
  it.each([
    { sense: 'to calculate; to compute', glosses: ['calculate', 'compute'] },
    { sense: '(Tw) (computing) chip', glosses: ['chip'] },
    { sense: 'NVIDIA, computer graphics card company', glosses: ['nvidia'] },
    { sense: 'South Korea (Republic of Korea)', glosses: ['south korea'] },
    { sense: 'abbr. for Saudi Arabia', glosses: ['saudi arabia'] },
    { sense: 'abbr. for 沙特阿拉伯[Sha1 te4 A1 la1 bo2]', glosses: [] },
    { sense: 'CL:個|个[ge4]', glosses: [] },
    { sense: 'surname Qian', glosses: [] },
    { sense: 'variant of 年[nian2]', glosses: [] },
    { sense: 'how much?; how many?', glosses: ['how much', 'how many'] },
    { sense: 'a person who works very hard for a long time without rest', glosses: [] },
  ])('$sense → $glosses', ({ sense, glosses }) => {
    expect(cleanCedictSense(sense)).toEqual(glosses);
  });
});

describe('compactCedict and invertCedict', () => {
  const entries = [
    { traditional: '沙特', simplified: '沙特', pinyin: 'Sha1 te4', english: ['Saudi', 'abbr. for 沙特阿拉伯[Sha1 te4 A1 la1 bo2]'] },
    { traditional: '沙特阿拉伯', simplified: '沙特阿拉伯', pinyin: 'Sha1 te4 A1 la1 bo2', english: ['Saudi Arabia'] },
    { traditional: '秊', simplified: '年', pinyin: 'nian2', english: ['grain', 'variant of 年[nian2]'] },
    { traditional: '年', simplified: '年', pinyin: 'nian2', english: ['year', 'CL:個|个[ge4]'] },
    { traditional: '芯片', simplified: '芯片', pinyin: 'xin1 pian4', english: ['computer chip; microchip'] },
    { traditional: '碎片', simplified: '碎片', pinyin: 'sui4 pian4', english: ['chip', 'fragment', 'splinter', 'sliver'] },
    { traditional: 'A', simplified: 'A', pinyin: 'A', english: ['(slang) (Tw) to steal'] },
  ];

  it('keeps Simplified headwords with clean glosses; variants and Latin headwords go; an abbreviation inherits', () => {
    expect([...compactCedict(entries)]).toEqual([
      ['年', ['year']],
      ['沙特', ['saudi', 'saudi arabia']],
      ['沙特阿拉伯', ['saudi arabia']],
      ['碎片', ['chip', 'fragment', 'splinter', 'sliver']],
      ['芯片', ['computer chip', 'microchip']],
    ]);
  });

  it('files a word under each gloss and under the last word of a longer gloss', () => {
    const inverted = invertCedict(compactCedict(entries));
    expect(inverted.get('saudi arabia')).toEqual(['沙特', '沙特阿拉伯']);
    expect(inverted.get('chip')).toEqual(['碎片', '芯片']);
    expect(inverted.get('computer chip')).toEqual(['芯片']);
  });
});

describe('romanisedNameGlosses', () => {
  const entries = [
    { traditional: '嫪毐', simplified: '嫪毐', pinyin: 'Lao4 Ai3', english: ['Lao Ai (-238 BC), man of Qin'] },
    { traditional: '哀', simplified: '哀', pinyin: 'Ai1', english: ['Ai (c. 2000 BC), sixth of legendary Flame Emperors'] },
    { traditional: '哀', simplified: '哀', pinyin: 'ai1', english: ['(bound form) sorrow; grief'] },
    { traditional: '太上皇', simplified: '太上皇', pinyin: 'Tai4 shang4 huang2', english: ['Taishang Huang', 'Retired Emperor'] },
    { traditional: '人工智能', simplified: '人工智能', pinyin: 'ren2 gong1 zhi4 neng2', english: ['artificial intelligence (AI)'] },
    { traditional: '韓國', simplified: '韩国', pinyin: 'Han2 guo2', english: ['South Korea (Republic of Korea)'] },
  ];

  it('finds the glosses that spell a name in its own pinyin', () => {
    expect([...romanisedNameGlosses(entries)].sort()).toEqual(['哀\tai', '嫪毐\tlao ai', '太上皇\ttaishang huang'].sort());
  });

  it('files such a name only whole: "AI" and "Huang" lead to no emperor, "Korea" still to 韩国', () => {
    const compact = compactCedict(entries);
    const inverted = invertCedict(compact, romanisedNameGlosses(entries));
    expect(inverted.get('ai')).toBeUndefined();
    expect(inverted.get('huang')).toBeUndefined();
    expect(inverted.get('lao ai')).toEqual(['嫪毐']);
    expect(inverted.get('sorrow')).toEqual(['哀']);
    expect(inverted.get('korea')).toEqual(['韩国']);
    // Without the names, the syllables lead to them.
    expect(invertCedict(compact).get('ai')).toEqual(expect.arrayContaining(['哀', '嫪毐']));
  });
});

describe('leadingNameWords', () => {
  const entries = [
    { traditional: '上海', simplified: '上海', pinyin: 'Shang4 hai3', english: ['Shanghai municipality (abbr. to 滬|沪[Hu4])'] },
    { traditional: '寶山', simplified: '宝山', pinyin: 'Bao3 shan1', english: ['Baoshan district of Shanghai'] },
    { traditional: '北京', simplified: '北京', pinyin: 'Bei3 jing1', english: ["Beijing municipality, capital of the People's Republic of China"] },
    { traditional: '東西', simplified: '东西', pinyin: 'dong1 xi1', english: ['east and west'] },
    { traditional: '哀', simplified: '哀', pinyin: 'Ai1', english: ['Ai people'] },
  ];

  it('finds glosses that open with the name in its own pinyin, of two syllables or more', () => {
    expect([...leadingNameWords(entries)]).toEqual([
      ['上海\tshanghai municipality', 'shanghai'],
      ['宝山\tbaoshan district of shanghai', 'baoshan'],
      ['北京\tbeijing municipality', 'beijing'],
    ]);
  });

  it('files the headword under that name, first', () => {
    const compact = compactCedict(entries);
    const inverted = invertCedict(compact, romanisedNameGlosses(entries), leadingNameWords(entries));
    expect(inverted.get('shanghai')![0]).toBe('上海');
    expect(inverted.get('beijing')).toEqual(['北京']);
    // Without them, "Shanghai" finds only the district.
    expect(invertCedict(compact).get('shanghai')).toEqual(['宝山']);
  });
});
