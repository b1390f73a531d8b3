import { describe, expect, it } from 'vitest';
import { reflowParagraphs } from './reflow-paragraphs.js';

function toLines(text: string): { line: number; text: string }[] {
  return text.split('\n').map((line, index) => ({ line: index + 1, text: line }));
}

describe('reflowParagraphs', () => {
  it.each([
    {
      name: 'hard-wrapped CJK (PTT seed shape), a short line ends a paragraph, a line starting with ， joins',
      text: [
        '輝達(Nvidia Corp.)執行長黃仁勳(Jensen Huang、見圖)4日和日本首相岸田文雄會面，',
        '而黃仁勳表示，日相要求輝達能盡可能多供應繪圖處理器(GPU)給日本，且輝達將和軟銀',
        '等日本企業合作、加快生成式AI的研發。',
        '綜合日本媒體4日報導，日本首相岸田文雄4日在首相官邸和輝達執行長黃仁勳會面，而黃',
        '仁勳在會面後於首相官邸接受日媒採訪表示。',
        '',
        '黃仁勳並指出，將和軟銀、雲端服務供應商Sakura Internet、NEC、NTT等日本企業合作',
        '，加快生成式AI的研發。',
      ].join('\n'),
      expected: [
        { lines: [1, 2, 3], start: '輝達(Nvidia', end: '和軟銀等日本企業合作、加快生成式AI的研發。' },
        { lines: [4, 5], start: '綜合日本媒體', end: '而黃仁勳在會面後於首相官邸接受日媒採訪表示。' },
        { lines: [7, 8], start: '黃仁勳並指出', end: 'NTT等日本企業合作，加快生成式AI的研發。' },
      ],
    },
    {
      name: 'hard-wrapped CJK (invented)',
      text: [
        '台積電今日宣布，將在未來兩年內把先進封裝產能擴大一倍，以滿足人工智慧晶片的需',
        '求。公司表示，新產能將分布在台灣中部與南部的多座廠房，預計明年開始逐步量產，',
        '並將優先供應主要客戶。',
        '分析師指出，這項投資規模空前。',
      ].join('\n'),
      expected: [
        { lines: [1, 2, 3], start: '台積電今日宣布', end: '晶片的需求。公司表示，新產能將分布在台灣中部與南部的多座廠房，預計明年開始逐步量產，並將優先供應主要客戶。' },
        { lines: [4], start: '分析師指出', end: '規模空前。' },
      ],
    },
    {
      name: 'one paragraph per line (English seed shape): long lines are never merged',
      text: [
        'On November 13th, Jensen Huang, the CEO of NVIDIA, announced at the NVIDIA Japan Summit that the company would collaborate with SoftBank.',
        "NVIDIA's Collaboration with SoftBank",
        'Jensen Huang stated that SoftBank is using the NVIDIA Blackwell platform to build Japan\'s most powerful artificial intelligence supercomputer.',
      ].join('\n'),
      expected: [
        { lines: [1], start: 'On November 13th', end: 'with SoftBank.' },
        { lines: [2], start: "NVIDIA's", end: 'with SoftBank' },
        { lines: [3], start: 'Jensen Huang', end: 'supercomputer.' },
      ],
    },
    {
      name: 'one paragraph per line (Simplified seed shape): short sentences are never merged',
      text: ['中国行', '中国行“鸽”了半年后,黄仁勋出现在了英伟达中国区的年会上。', '但英伟达方面透露,黄仁勋本次主要为了和员工欢聚,没有其他行程。'].join('\n'),
      expected: [
        { lines: [1], start: '中国行', end: '中国行' },
        { lines: [2], start: '中国行“鸽”', end: '年会上。' },
        { lines: [3], start: '但英伟达', end: '其他行程。' },
      ],
    },
    {
      name: 'two identical caption lines are not mistaken for wrapping',
      text: ['輝達上海總部周邊都是中外最頂尖的AI公司。圖/取自上觀新聞', '輝達上海總部周邊都是中外最頂尖的AI公司。圖/取自上觀新聞'].join('\n'),
      expected: [
        { lines: [1], start: '輝達上海', end: '上觀新聞' },
        { lines: [2], start: '輝達上海', end: '上觀新聞' },
      ],
    },
  ])('$name', ({ text, expected }) => {
    const paragraphs = reflowParagraphs(toLines(text));
    expect(paragraphs.map((paragraph) => paragraph.lines)).toEqual(expected.map((paragraph) => paragraph.lines));
    paragraphs.forEach((paragraph, index) => {
      expect(paragraph.kind).toBe('body');
      expect(paragraph.text.startsWith(expected[index]?.start ?? '')).toBe(true);
      expect(paragraph.text.endsWith(expected[index]?.end ?? '')).toBe(true);
    });
  });
});
