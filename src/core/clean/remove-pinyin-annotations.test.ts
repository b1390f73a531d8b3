import { describe, expect, it } from 'vitest';
import { removePinyinAnnotations } from './remove-pinyin-annotations.js';

// Well-formed annotations that teach the document's readings (guó → 國, bào → 報, jià → 價…).
const seedReadings = '中國(guó)金屬材料流通協(xié)會(huì),《環(huán)球時(shí)報(bào)》';
const inventedReadings = '鋼鐵價(jià)格持續(xù)上漲,《經(jīng)濟(jì)日報(bào)》';

describe('removePinyinAnnotations', () => {
  it.each([
    ['annotation after a character (seed)', seedReadings, '中國金屬材料流通協會,《環球時報》'],
    ['annotation after a character (invented)', inventedReadings, '鋼鐵價格持續上漲,《經濟日報》'],
    ['garbage group then a lost character (seed)', '據(jù)《韓民族日?qǐng)?bào)》2月17日?qǐng)?bào)道', '據《韓民族日報》2月17日報道'],
    ['garbage group then a lost character (invented)', '多?lài)?guó)鋼鐵價(jià)格上漲', '多國鋼鐵價格上漲'],
    ['garbage group before an annotated character (seed)', '已經(jīng)不追求性?xún)r(jià)比最高', '已經不追求性價比最高'],
    ['garbage group, a mojibake character, then the lost one (seed)', '轉(zhuǎn)變?yōu)閲?guó)家出面', '轉變國家出面'],
    ['a lost character with an unknown reading is dropped (invented)', '鋼鐵?zhuàng)況良好', '鋼鐵況良好'],
    ['a broken tag and marks left by lost punctuation (seed)', '存在可以超越的機(jī)會(huì)?!', '存在可以超越的機會'],
  ])('%s', (_name, line, expected) => {
    expect(removePinyinAnnotations([seedReadings, inventedReadings, '性價(jià)', line]).at(-1)).toBe(expected);
  });

  it.each([
    ['a name in parentheses', ['輝達(Nvidia Corp.)執行長黃仁勳(Jensen Huang、見圖)']],
    ['a question mark in ordinary text', ['往下噴嗎?', '台廠起飛?']],
    ['a few annotations are not enough to call the page annotated', ['中國(guó)很大?', '公司(gōngsī)']],
  ])('leaves %s alone', (_name, lines) => {
    expect(removePinyinAnnotations(lines)).toEqual(lines);
  });
});
