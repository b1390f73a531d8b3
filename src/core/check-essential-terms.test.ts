import { describe, expect, it } from 'vitest';
import { createEssentialCheck } from './check-essential-terms.js';
import type { Language } from './types.js';

function passage(text: string, language: Language) {
  return { text, title: 'T', language };
}

/** The verdict on a window that is the whole passage. */
function verdictOn(question: string, text: string, language: Language) {
  return createEssentialCheck(question)(text, passage(text, language));
}

describe('createEssentialCheck', () => {
  describe('a question about a price or revenue needs a sum of money in the window', () => {
    it.each([
      { language: 'en' as const, question: 'What is the price of the B200 chip?', misses: 'The B200 chip has 208 billion transistors and 192 GB of memory.', answers: 'The B200 chip sells for $30,000 to $40,000.' },
      { language: 'zh-Hant' as const, question: '輝達H20晶片的售價是多少？', misses: 'H20提供96GB記憶體和296 teraFLOPS性能。', answers: 'H20的售價約為1.2萬美元。' },
      { language: 'zh-Hans' as const, question: '英伟达H20芯片的售价是多少？', misses: 'H20提供96GB内存和296 teraFLOPS性能。', answers: 'H20的售价约为1.2万美元。' },
    ])('$language', ({ language, question, misses, answers }) => {
      expect(verdictOn(question, misses, language)).toBe('misses');
      expect(verdictOn(question, answers, language)).toBe('answers');
    });

    it('asks nothing of a question that is not about money', () => {
      expect(verdictOn('How many GPUs will the AI factory contain?', 'The AI factory will contain 2,000 GPUs.', 'en')).toBe('answers');
    });
  });

  describe('a question about a share needs a share in the window', () => {
    it.each([
      { language: 'en' as const, question: "What share of China's AI chip market does NVIDIA hold?", misses: 'NVIDIA plans to launch 3 new AI chips for China.', answers: "NVIDIA holds over 90% of China's AI chip market." },
      { language: 'zh-Hant' as const, question: '輝達在中國AI晶片市場的占有率是多少？', misses: '輝達計劃推出3款針對中國市場的AI晶片。', answers: '輝達的市場占有率超過九成。' },
      { language: 'zh-Hans' as const, question: '英伟达在中国AI芯片市场的占有率是多少？', misses: '英伟达计划推出3款针对中国市场的AI芯片。', answers: '英伟达的市场占有率超过90%。' },
    ])('$language', ({ language, question, misses, answers }) => {
      expect(verdictOn(question, misses, language)).toBe('misses');
      expect(verdictOn(question, answers, language)).toBe('answers');
    });

    it('takes a share in words', () => {
      expect(verdictOn("What share of Japan's chips does Rapidus make?", "Rapidus makes about half of Japan's chips.", 'en')).toBe('answers');
      expect(verdictOn('日本的晶片有多少比例由Rapidus生產？', 'Rapidus生產其中的三分之一。', 'zh-Hant')).toBe('answers');
    });
  });

  describe('a name the question asks about must be in the window of an English passage', () => {
    it('misses a sentence on the topic that never names it', () => {
      expect(verdictOn('How has British art survived in Normandy?', 'Norman art in England survived in illuminated manuscripts.', 'en')).toBe('misses-name');
      expect(verdictOn('How has British art survived in Normandy?', 'In Normandy, British art survived in churches.', 'en')).toBe('answers');
    });

    it('takes a pronoun for a name the text just before the window gives', () => {
      const text = 'Robert continued his campaign in the Balkans. In 1081 he led an army of 30,000 men.';
      const check = createEssentialCheck("How many men were in Robert's army?");
      expect(check('In 1081 he led an army of 30,000 men.', passage(text, 'en'))).toBe('answers');
      expect(check('In 1081 the duke led an army of 30,000 men.', passage(text.replace(' he ', ' the duke '), 'en'))).toBe('misses-name');
      expect(check('In 1081 he led an army of 30,000 men.', passage('Bohemond continued his campaign in the Balkans. In 1081 he led an army of 30,000 men.', 'en'))).toBe('misses-name');
    });

    it('matches a name in another inflection (possessive, plural)', () => {
      expect(verdictOn('What did Stearns publish?', "Stearns's paper appeared in 1965.", 'en')).toBe('answers');
    });

    it('does not check a Latin name in a Chinese passage, which may write it in Chinese', () => {
      expect(verdictOn('What share of the market does Nvidia hold?', '英伟达的市场占有率超过90%。', 'zh-Hans')).toBe('answers');
    });
  });

  describe('what an English question counts must be named in the passage', () => {
    it('How many employees does NVIDIA have?', () => {
      const question = 'How many employees does NVIDIA have?';
      expect(verdictOn(question, 'NVIDIA builds the GB200 NVL72 system with 72 GPUs.', 'en')).toBe('misses');
      expect(verdictOn(question, 'NVIDIA has about 29,600 employees worldwide.', 'en')).toBe('answers');
    });

    it('counts another form of the word as naming it', () => {
      expect(verdictOn('How many combinatory problems did the paper address?', 'The paper showed 21 combinatorial problems to be hard.', 'en')).toBe('answers');
    });

    it('asks no such thing of "which …" and "what …" questions, which sources answer in other words', () => {
      expect(verdictOn('What tactic did researchers employ?', 'Researchers studied the worst case instead.', 'en')).toBe('answers');
    });
  });

  describe('a year the question asks about', () => {
    it.each([
      { language: 'zh-Hans' as const, question: '英伟达2025年的营收是多少？', other: '2024会计年度，英伟达在中国市场的营收为170亿美元。' },
      { language: 'zh-Hant' as const, question: '輝達2025年的營收是多少？', other: '2024會計年度,輝達在中國市場的營收為170億美元。' },
      { language: 'en' as const, question: "What was NVIDIA's revenue in 2025?", other: "NVIDIA's revenue in fiscal 2024 was $60.9 billion." },
    ])('sets aside a window naming another year when the passage never names it ($language)', ({ language, question, other }) => {
      expect(verdictOn(question, other, language)).toBe('other-year');
    });

    it('accepts a window without a year ("that year") and a passage that names the year elsewhere', () => {
      const question = '2019年黄仁勋称五年内英伟达的训练性能提升了多少倍？';
      expect(verdictOn(question, '那年的大会上，黄仁勋称五年内英伟达的训练性能提升了300倍。', 'zh-Hans')).toBe('answers');
      const window = '2018年的性能是2014年的300倍。';
      expect(createEssentialCheck(question)(window, passage(`2019年的大会上，黄仁勋发表演讲。${window}`, 'zh-Hans'))).toBe('answers');
    });
  });
});
