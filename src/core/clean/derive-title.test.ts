import { describe, expect, it } from 'vitest';
import { deriveTitle } from './derive-title.js';

describe('deriveTitle', () => {
  it.each([
    {
      name: 'a sidebar headline that continues into the first paragraph (seed shape)',
      first: '近日,多段英伟达CEO黄仁勋身穿东北花背心转手帕、扭秧歌的视频流传网络。据悉,该视频出自英伟达中国区的年会现场。',
      headlines: ['3 老干妈的焦虑谁懂网红辛巴在直播中一句...', '2 黄仁勋“闪现” 英伟达欲稳中国市场近日,多段英伟达CEO黄仁勋身穿东北花背心转手帕、扭秧歌的视频流传网络。据悉,该视频出...'],
      expected: '黄仁勋“闪现” 英伟达欲稳中国市场',
    },
    {
      name: 'a sidebar headline that continues into the first paragraph (invented, English)',
      first: 'Heavy rain fell across the valley for a third day on Monday, officials said.',
      headlines: ['4 Valley floods worsenHeavy rain fell across the valley for a third day on...'],
      expected: 'Valley floods worsen',
    },
    {
      name: 'no matching headline: the first sentence',
      first: '今天天气很好,公园里人很多。下午有雨。',
      headlines: ['2 别的新闻标题别的新闻内容...'],
      expected: '今天天气很好,公园里人很多。',
    },
    {
      name: 'a long first sentence is shortened',
      first: `${'word '.repeat(40)}end.`,
      headlines: [],
      expected: `${'word '.repeat(18)}word…`,
    },
    { name: 'nothing to go on', first: '', headlines: [], expected: undefined },
  ])('$name', ({ first, headlines, expected }) => {
    expect(deriveTitle(first, headlines)).toBe(expected);
  });
});
