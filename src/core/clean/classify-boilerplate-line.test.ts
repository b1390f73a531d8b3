import { describe, expect, it } from 'vitest';
import { classifyBoilerplateLine } from './classify-boilerplate-line.js';

describe('classifyBoilerplateLine', () => {
  it.each([
    // [rule, line, expected verdict]: for each rule a line from a seed, then an invented one.
    ['spam header', '久久午夜夜伦鲁鲁片无码免费-国产宾馆露脸久久久久久久-亚洲爆乳www无码专区-日韩AAAA片毛片少妇', { reason: 'spam header' }],
    ['spam header', '国产精品久久-午夜无码专区-成人毛片免费观看', { reason: 'spam header' }],
    ['welcome banner', '中國金屬材料流通協會,歡迎您!', { reason: 'site chrome', hints: { outlet: '中國金屬材料流通協會' } }],
    ['welcome banner', 'Welcome to Harbour Daily!', { reason: 'site chrome', hints: { outlet: 'Harbour Daily' } }],
    ['hotline', 'English服務熱線:010-59231580', { reason: 'site chrome' }],
    ['hotline', '客服电话：400-800-1234', { reason: 'site chrome' }],
    ['navigation word', '搜索', { reason: 'site chrome' }],
    ['navigation word', 'Search', { reason: 'site chrome' }],
    ['footer word', '返回列表', { reason: 'footer' }],
    ['footer word', '延伸閱讀', { reason: 'footer' }],
    ['footer word', 'Related Articles', { reason: 'footer' }],
    ['copyright', '备案号:鄂ICP备2022006215号 Copyright © 2002-2022 关于我们 网站地图', { reason: 'footer' }],
    ['copyright', '© 2025 Harbour Daily. All rights reserved.', { reason: 'footer' }],
    ['caption credit', '輝達上海總部周邊都是中外最頂尖的AI公司。圖/取自上觀新聞', { reason: 'image caption' }],
    ['caption credit', '民眾在超市搶購物資。（圖／記者陳小華攝）', { reason: 'image caption' }],
    ['caption credit', 'Flooded streets in the old town. Photo: Jane Doe', { reason: 'image caption' }],
    ['date line', 'Update time : 2024-11-14 18:17:38', { reason: 'metadata', hints: { publishedAt: '2024-11-14T18:17:38' } }],
    ['date line', '发布时间：2025年3月2日', { reason: 'metadata', hints: { publishedAt: '2025-03-02' } }],
    ['stats line', 'Views : 2', { reason: 'page stats' }],
    ['stats line', '阅读量：1,024', { reason: 'page stats' }],
    ['author line', '記者：王小明', { reason: 'metadata', hints: { author: '王小明' } }],
    ['author line', 'By Jane Doe', { reason: 'metadata', hints: { author: 'Jane Doe' } }],
    ['source link', '原文連結：https://example.com/a', { reason: 'metadata', hints: { url: 'https://example.com/a' } }],
  ])('%s: %s', (_rule, line, expected) => {
    expect(classifyBoilerplateLine(line)).toEqual(expected);
  });

  it.each([
    ['a subheading', '年底前確保1萬個GPU'],
    ['a subheading', "NVIDIA's Collaboration with SoftBank"],
    ['a sentence mentioning a figure', '輝達(Nvidia Corp.)執行長黃仁勳(Jensen Huang、見圖)4日和日本首相岸田文雄會面，'],
    ['a sentence with spam-like words but punctuation', '國產晶片市占率快速提升,成人教育也在增加。'],
    ['a sentence with a phone-like number', '公司表示,訂單編號為 2024-001-99887 的貨物已出貨,請客戶留意。'],
    ['a sentence about share prices', 'Shares of three major carmakers fell sharply on Tuesday after new tariffs were announced.'],
    ['a long paragraph', '據報導,'.repeat(80)],
  ])('keeps %s', (_name, line) => {
    expect(classifyBoilerplateLine(line)).toBeUndefined();
  });
});
