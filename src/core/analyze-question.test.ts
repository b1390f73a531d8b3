import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from './analyze-question.js';

describe('analyzeQuestion: the kind of answer', () => {
  it.each([
    ['How many GPUs does Japan plan to buy?', 'count'],
    ['韓國要擴充多少個高性能GPU？', 'count'],
    ['韩国要扩充多少个高性能GPU？', 'count'],
    ['How much did SoftBank invest in OpenAI?', 'amount'],
    ['英伟达H20芯片在中国的售价是多少？', 'amount'],
    ['輝達的營收是多少？', 'amount'],
    ["What share of China's AI chip market does NVIDIA hold?", 'percent'],
    ['英偉達在中國AI晶片市場的占有率有多高？', 'percent'],
    ['黄仁勋表示中国市场占英伟达销售额的多少？', 'percent'],
    ["And Nvidia's share of China's AI chip market?", 'percent'],
    ["What is TSMC's market share?", 'percent'],
    ['What was the percentage of people that voted in favor of the act?', 'percent'],
    ['What is the number of employees at TSMC?', 'count'],
    ['When did Huang visit Shanghai?', 'date'],
    ['蘇伊士運河於哪一年開通？', 'date'],
    ['黄仁勋分别在哪几天参加了公司的年会？', 'date'],
    ['Who founded Lightelligence?', 'person'],
    ['曦智科技是誰創辦的？', 'person'],
    ['Where is the AI factory?', 'place'],
    ['What did the CEOs say on Monday?', 'open'],
    ["Who led Richard's troops when Cyprus was conquered?", 'person'],
    ['Where did the fleet sail when the storm ended?', 'place'],
    ['嘉兴南站由哪几个部分组成？', 'open'],
  ])('%s → %s', (question, kind) => {
    expect(analyzeQuestion(question).kind).toBe(kind);
  });
});

describe('analyzeQuestion: essential terms', () => {
  const terms = (question: string) => analyzeQuestion(question).essentialTerms.map((term) => `${term.role}:${term.forms[0]}`);

  it.each([
    ['How many employees does NVIDIA have?', ['entity:nvidia', 'attribute:employees']],
    ['英伟达2025年的营收是多少？', ['year:2025', 'attribute:营收']],
    ['苹果公司2024年的营收是多少？', ['entity:苹果', 'year:2024', 'attribute:营收']],
    ['黃仁勳的太太叫什麼名字？', ['attribute:太太']],
    ['英伟达H20芯片在中国的售价是多少？', ['entity:h20', 'attribute:售价']],
    ['By what year does Masayoshi Son expect super AI?', ['entity:masayoshi']],
    ['Which vendor did India choose for its 18,000-GPU facility?', ['entity:india', 'entity:gpu', 'number:18000', 'attribute:vendor']],
  ])('%s', (question, expected) => {
    expect(terms(question)).toEqual(expected);
  });

  it('treats a run of capitalised words as one name that any of its words names', () => {
    const [name] = analyzeQuestion('What did Masayoshi Son say?').essentialTerms;
    expect(name).toMatchObject({ text: 'Masayoshi Son', forms: ['masayoshi', 'son'] });
  });
});

describe('analyzeQuestion: Latin words beside Han', () => {
  const entities = (question: string) => analyzeQuestion(question).essentialTerms.filter((term) => term.role === 'entity').map((term) => term.forms[0]);

  it.each([
    ['城巴40M線是來往哪裡的巴士路線？', []],
    ['为什么地铁8号线和10号线车站呈T形交叉？', []],
    ['奥地利共和国的德语名Deutschösterreich原本是什么称谓？', ['deutschösterreich']],
  ])('%s → %j: a lone letter is no name, and a word keeps its accented letters', (question, expected) => {
    expect(entities(question)).toEqual(expected);
  });
});
