import { describe, expect, it } from 'vitest';
import { findAnswerSpans } from './find-answer-spans.js';
import { readNumbers } from './read-numbers.js';

describe('findAnswerSpans', () => {
  it.each([
    ['count', '將在明年上半年之前擴充1.8萬個高性能GPU的處理能力。', '1.8萬個'],
    ['count', '将在明年上半年之前扩充1.8万个高性能GPU的处理能力。', '1.8万个'],
    ['count', 'The AI factory in Japan will contain more than 2,000 GPUs.', 'more than 2,000'],
    ['count', '擴增至現行的20-30倍水準。', '20-30倍'],
    ['count', '從南竿到東引大約兩小時。', '兩小時'],
    ['amount', 'SoftBank contributed $500 million to a round of financing.', '$500 million'],
    ['amount', '其中包括向Rapidus撥款9200億日圓。', '9200億日圓'],
    ['amount', '其中包括向Rapidus拨款9200亿日元。', '9200亿日元'],
    ['amount', 'It included an allocation of 920 billion yen for Rapidus.', '920 billion yen'],
    ['percent', 'NVIDIA holds over 90% of the market.', 'over 90%'],
    ['percent', '英偉達的市場占有率超過九成。', '九成'],
    ['percent', '中国市场占英伟达销售额的大约20%。', '20%'],
    ['date', 'Jensen Huang visited a market in Pudong on January 24th.', 'January 24th'],
    ['date', '黃仁勳1月24日到浦東逛菜市場。', '1月24日'],
    ['date', '黄仁勋2024年1月24日到浦东。', '2024年1月24日'],
    ['date', 'The Normans gave their name to Normandy in the 10th and 11th centuries.', '10th and 11th centuries'],
    ['person', '輝達執行長黃仁勳表示，日本需要更多GPU。', '黃仁勳'],
    ['person', '英伟达执行长黄仁勋表示，日本需要更多GPU。', '黄仁勋'],
    ['person', 'The company was founded by Shen Yichen in 2017.', 'Shen Yichen'],
    ['place', 'The factory will be built in Osaka next year.', 'Osaka'],
    ['place', '工廠將設在熊本縣。', '熊本縣'],
    ['person', 'Emma, sister of Duke Richard II, married King Ethelred II of England.', 'Richard II'],
    ['person', '尚恩最早的音乐影响力来自于莱昂纳尔·里奇(Lionel Richie)。', 'Lionel Richie'],
    ['person', 'On November 13th, Jensen Huang, the CEO of NVIDIA, announced the factory.', 'Jensen Huang'],
    ['person', 'At the summit Masayoshi Son said that super AI would come.', 'Masayoshi Son'],
    ['person', 'A Norman named Oursel led a force of Franks into the valley.', 'Oursel'],
    ['person', '在上海,麻省理工學院博士沈亦晨於2017年創辦的曦智科技。', '沈亦晨'],
    ['place', '大莱龙铁路位于山东省北部环渤海地区。', '山东省北部环渤海地区'],
    ['place', '威克水槽是美國得克薩斯州的一個天然水槽。', '美國得克薩斯州'],
  ] as const)('%s in %s', (kind, text, span) => {
    expect(findAnswerSpans(text, kind).map((found) => found.text)).toContain(span);
  });

  it.each([
    ['person', 'Upper Normandy was held by the dukes.'],
    ['person', 'Some Normans joined the First Crusade in Asia Minor.'],
    ['place', '大莱龙铁路位于山东省北部。', '路位于山'],
    ['person', '羅馬主教要聽命於東羅馬皇帝和國王的教籍。', '的教籍'],
    ['place', '他在这个国家生活了十年。', '这个国'],
    ['place', 'In April 1191 the fleet left in May.', 'April'],
  ] as const)('no %s taken from %s', (kind, text, wrong?: string) => {
    const found = findAnswerSpans(text, kind).map((span) => span.text);
    if (wrong) expect(found).not.toContain(wrong);
    else expect(found).toEqual([]);
  });

  it('never takes the end of a longer number for a day: 納賢路600號 is an address', () => {
    expect(findAnswerSpans('黃仁勳視察位於張江納賢路600號的輝達上海新辦公室。', 'date')).toEqual([]);
    expect(findAnswerSpans('黃仁勳已於1月15日參加年會。', 'date').map((span) => span.text)).toEqual(['1月15日']);
  });

  it('never takes a date or a share for a count', () => {
    expect(findAnswerSpans('On November 13th, 2024, NVIDIA announced the AI factory.', 'count')).toEqual([]);
    expect(findAnswerSpans('輝達執行長4日和日本首相會面，承諾供應GPU。', 'count')).toEqual([]);
    expect(findAnswerSpans('去年5月，黃仁勳接受採訪。', 'count')).toEqual([]);
  });

  it('gives spans as verbatim slices of the text', () => {
    const text = '崔相穆表示，將擴充1.8萬個GPU。';
    for (const span of findAnswerSpans(text, 'count')) expect(text.slice(span.start, span.end)).toBe(span.text);
  });
});

describe('readNumbers', () => {
  it.each([
    ['18,000 GPUs', [18000]],
    ['1.8萬多個GPU', [18000]],
    ['1.8万个', [18000]],
    ['4 trillion yen', [4e12]],
    ['4兆日圓', [4e12]],
    ['$500 million', [5e8]],
    ['9200億', [9.2e11]],
  ])('%s', (text, values) => {
    expect(readNumbers(text)).toEqual(values);
  });
});
