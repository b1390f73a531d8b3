import { describe, expect, it } from 'vitest';
import { mineAliases } from './mine-aliases.js';

describe('mineAliases', () => {
  it.each([
    { text: '美國晶片巨頭輝達(Nvidia Corp.)宣布，輝達將擴產。', aliases: [['輝達', 'Nvidia Corp.']] },
    { text: '英伟达（NVIDIA）首席执行官黄仁勋(Jensen Huang)说，黄仁勋很忙。', aliases: [['英伟达', 'NVIDIA'], ['黄仁勋', 'Jensen Huang']] },
    { text: '他說，輝達與英伟达（NVIDIA）相同。', aliases: [['英伟达', 'NVIDIA']] },
    { text: '根據國際資料公司(IDC)資料，這家公司很大。', aliases: [['國際資料公司', 'IDC']] },
    { text: '全球GPU(圖形處理器)市場', aliases: [['圖形處理器', 'GPU']] },
    { text: '執行長黃仁勳(Jensen Huang、見圖)說，黃仁勳很忙。執行長黃仁勳又說，黃仁勳很累。', aliases: [['黃仁勳', 'Jensen Huang']] },
    { text: '台積電(TSMC，左)與輝達(Nvidia；右圖)', aliases: [['台積電', 'TSMC'], ['輝達', 'Nvidia']] },
    { text: '國(guó)家與價格(2023年)', aliases: [] },
    { text: '營收為170億美元(約新台幣5300億元)', aliases: [] },
  ])('$text', ({ text, aliases }) => {
    expect(mineAliases(text).map((pair) => [pair.chinese, pair.english])).toEqual(aliases);
  });
});
