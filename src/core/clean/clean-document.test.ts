import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CleanedDocument } from '../types.js';
import { cleanDocument } from './clean-document.js';

const seedsFolder = fileURLToPath(new URL('../../../seeds/', import.meta.url));
const seedNames = readdirSync(seedsFolder).filter((name) => name.endsWith('.txt')).sort();

function cleanSeed(prefix: string): CleanedDocument {
  const fileName = seedNames.find((name) => name.startsWith(prefix));
  if (!fileName) throw new Error(`no seed ${prefix}`);
  return cleanDocument(readFileSync(seedsFolder + fileName, 'utf8'), { fileName });
}

function bodyOf(document: CleanedDocument): string[] {
  return document.paragraphs.filter((paragraph) => paragraph.kind === 'body').map((paragraph) => paragraph.text);
}

function reasonsOf(document: CleanedDocument): Record<string, number[]> {
  const reasons: Record<string, number[]> = {};
  for (const line of document.dropped) (reasons[line.reason] ??= []).push(line.line);
  return reasons;
}

const seeds = {
  ptt: cleanSeed('000'),
  english: cleanSeed('001'),
  pinyin: cleanSeed('002'),
  simplified: cleanSeed('003'),
  traditional: cleanSeed('004'),
};

// Invented articles of the same five shapes, so that the rules are not fitted to the seeds.
const invented = {
  ptt: cleanDocument(
    [
      '作者  techfan01 (小明)  看板  Tech_Job',
      '標題  [新聞] 台積電擴大先進封裝產能',
      '時間  Mon Mar  3 09:15:02 2025',
      '',
      '1.原文連結：https://example.com/news/123',
      '2.原文標題：',
      '台積電宣布擴大先進封裝產能',
      '發布時間：',
      '2025年3月2日',
      '原文內容：',
      '台積電今日宣布，將在未來兩年內把先進封裝產能擴大一倍，以滿足人工智慧晶片的需',
      '求。公司表示，新產能將分布在台灣中部與南部的多座廠房，預計明年開始逐步量產，',
      '並將優先供應主要客戶。',
      '分析師指出，這項投資規模空前。',
      '',
      '心得/評論：',
      '產能擴大是好事',
      '',
      '--',
      '※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 1.2.3.4 (臺灣)',
      '※ 文章網址: https://www.ptt.cc/bbs/Tech_Job/M.1740964502.A.123.html',
      '推 chipguy     : 讚啦 03/03 09:20',
      '→ chipguy     : 終於等到 03/03 09:21',
      '噓 skeptic99   : 又在畫大餅 1.2.3.4 03/03 09:30',
      '→ fanboy      : 明天噴 03/03 09:31',
    ].join('\n'),
    { fileName: 'tech-job.txt' },
  ),
  english: cleanDocument(
    [
      'Rivers rise across the valley as heavy rain continues and officials warn of',
      'Views : 118',
      'Update time : 2025-03-04 07:02:11',
      'Heavy rain fell across the valley for a third day on Monday, officials said.',
      'Residents near the river were asked to move to higher ground.',
      'Emergency Response',
      'Crews worked through the night to reinforce the levees.',
      'Heavy rain fell across the valley for a third day on Monday, officials said.',
      'Meanwhile, the central bank announced a surprise cut in interest rates, saying inflation had cooled faster than',
      'Shares of three major carmakers fell sharply on Tuesday after new tariffs were announced.',
      'A new study of coastal wetlands suggests that rising sea levels could threaten migrating birds across sev',
    ].join('\n'),
    { fileName: 'valley-rain.txt' },
  ),
  pinyin: cleanDocument(
    [
      '国产精品久久-午夜无码专区-成人毛片免费观看',
      '',
      '中華鋼鐵協(xié)會(huì),歡迎您!',
      '客服熱線(xiàn):021-66668888',
      '搜尋',
      '',
      '鋼鐵價(jià)格持續(xù)上漲',
      '',
      '據(jù)《經(jīng)濟(jì)日?qǐng)?bào)》報(bào)道,多?lài)?guó)鋼鐵價(jià)格上漲,中國(guó)出口增加。?/span>',
      '',
      '返回列表',
    ].join('\n'),
    { fileName: 'steel.txt' },
  ),
  simplified: cleanDocument(
    [
      '近日,某电动车企业宣布在欧洲建设第二座工厂,预计投资50亿欧元。',
      '该工厂将于2026年投产。',
      '产能',
      '公司表示,新工厂年产能为30万辆。',
      '城市公园开放新景区。 市民可免费参观新开放的湖景区,开放时间为每日8时...',
      '2 电动车企业欧洲建厂近日,某电动车企业宣布在欧洲建设第二座工厂,预计投资...',
      '3 高铁新线路开通运营新线路全长300公里,沿途设站12座,将大大缩短两地...',
      '4 本地天气预报明日有小雨,气温将下降5度左右,请市民注意添衣保暖...',
      '备案号:京ICP备12345678号 Copyright © 2010-2025',
    ].join('\n'),
    { fileName: 'ev-plant.txt' },
  ),
  traditional: cleanDocument(
    [
      '颱風逼近 北部明起停班停課',
      '',
      '中央氣象署今天發布陸上颱風警報,北部地區明天起停班停課。',
      '',
      '民眾在超市搶購物資。（圖／記者陳小華攝）',
      '民眾在超市搶購物資。（圖／記者陳小華攝）',
      '',
      '氣象署提醒民眾做好防颱準備,避免前往海邊與山區。',
      '',
      '相關新聞',
      '',
      '分享',
    ].join('\n'),
    { fileName: 'typhoon.txt' },
  ),
};

describe('cleanDocument: every document', () => {
  const all = { ...seeds, ...Object.fromEntries(Object.entries(invented).map(([key, value]) => [`invented ${key}`, value])) };
  it.each(Object.entries(all))('%s: offsets point into text, numbering is 1..N, body before comments', (_name, document) => {
    expect(document.paragraphs.length).toBeGreaterThan(0);
    document.paragraphs.forEach((paragraph, index) => {
      expect(paragraph.n).toBe(index + 1);
      expect(document.text.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
      expect(paragraph.text).toBe(paragraph.text.trim());
      expect(paragraph.text).not.toBe('');
    });
    expect(document.text).toBe(document.paragraphs.map((paragraph) => paragraph.text).join('\n\n'));
    const kinds = document.paragraphs.map((paragraph) => paragraph.kind);
    expect(kinds.indexOf('body')).toBe(0);
    expect(kinds.lastIndexOf('body')).toBe(kinds.filter((kind) => kind === 'body').length - 1);
    for (const line of document.dropped) expect(line.line).toBeGreaterThan(0);
    expect(document.paragraphs.map((paragraph) => paragraph.text)).not.toContain(document.metadata.title);
  });
});

describe('cleanDocument: PTT posts', () => {
  it.each([
    {
      name: 'seed 000',
      document: seeds.ptt,
      metadata: {
        title: '日相和黃仁勳會面、要求盡可能供應GPU給日本',
        author: 'deepelves',
        outlet: 'PTT Stock',
        publishedAt: '2023-12-05T06:41',
        url: 'https://reurl.cc/0Z5Kel',
        language: 'zh-Hant',
      },
      bodyCount: 8,
      commentCount: 47,
      firstComment: 'herculus6502: 先等一下，我空單平倉先',
      continued: 'rkilo: 雖然損失的中國市場很大，但是目前輝達的問題是產能不足阿，短時間內要找替代下家還是不難的',
      labelLines: [2, 6, 10, 14, 18, 37],
    },
    {
      name: 'invented board, three-line header, inline label values, footer lines',
      document: invented.ptt,
      metadata: {
        title: '台積電宣布擴大先進封裝產能',
        author: 'techfan01',
        outlet: 'PTT Tech_Job',
        publishedAt: '2025-03-02',
        url: 'https://example.com/news/123',
        language: 'zh-Hant',
      },
      bodyCount: 3,
      commentCount: 3,
      firstComment: 'chipguy: 讚啦終於等到',
      continued: 'skeptic99: 又在畫大餅',
      labelLines: [5, 6, 8, 10, 16],
    },
  ])('$name', ({ document, metadata, bodyCount, commentCount, firstComment, continued, labelLines }) => {
    expect(document.metadata).toEqual(metadata);
    expect(bodyOf(document)).toHaveLength(bodyCount);
    const comments = document.paragraphs.filter((paragraph) => paragraph.kind === 'comment').map((paragraph) => paragraph.text);
    expect(comments).toHaveLength(commentCount);
    expect(comments[0]).toBe(firstComment);
    expect(comments).toContain(continued);
    expect(comments.some((comment) => /\d{2}\/\d{2} \d{2}:\d{2}$/u.test(comment))).toBe(false);
    expect(reasonsOf(document)['section label']).toEqual(labelLines);
    expect(reasonsOf(document)['ptt header']?.length).toBeGreaterThan(0);
    // Labels and the metadata values under them are not body text.
    expect(bodyOf(document).some((text) => /^(原文|發布時間|記者署名|心得)/u.test(text))).toBe(false);
  });

  it('reflows the hard-wrapped article into paragraphs, joining a line that starts with ，', () => {
    const body = bodyOf(seeds.ptt);
    expect(body[0]).toMatch(/^輝達\(Nvidia Corp\.\)執行長黃仁勳.*加快生成式AI的研發。$/u);
    expect(body[1]).toMatch(/^綜合日本媒體4日報導，.*「將盡可能提供日本所需的GPU」。$/u);
    expect(body[2]).toContain('NTT等日本企業合作，加快生成式AI的研發');
    expect(body[3]).toContain('1 exaflop是運算效能的衡量指標');
    expect(body.slice(4)).toEqual([
      '這兩天台股美股科技股民怕得要死，',
      '以為雷蒙多禁令三令五申，輝達即將失去中國市場就要葛屁了。',
      '想不到老黃馬上跑去找日本拉貨，蒜粒需求要在4年內提升至少20倍，',
      '你各位想一想這要買多少AI伺服器，要多少GPU才填得上這需求?',
    ]);
    expect(bodyOf(invented.ptt)).toEqual([
      '台積電今日宣布，將在未來兩年內把先進封裝產能擴大一倍，以滿足人工智慧晶片的需求。公司表示，新產能將分布在台灣中部與南部的多座廠房，預計明年開始逐步量產，並將優先供應主要客戶。',
      '分析師指出，這項投資規模空前。',
      '產能擴大是好事',
    ]);
    expect(reasonsOf(invented.ptt)['ptt footer']).toEqual([19, 20, 21]);
  });
});

describe('cleanDocument: English articles with teasers of other stories', () => {
  it.each([
    {
      name: 'seed 001',
      document: seeds.english,
      title: /^Jensen Huang has made a major announcement!.*hitting the restart button for$/u,
      publishedAt: '2024-11-14T18:17:38',
      bodyCount: 29,
      teaserLines: [34, 35, 36, 37],
      duplicateLines: [10],
      headings: ["NVIDIA's Collaboration with SoftBank", 'Japan\'s "Heavy Investment"', "SoftBank's Accelerated Layout in AI"],
      kept: /^Recently, SoftBank contributed \$500 million to a round of financing for OpenAI\./u,
    },
    {
      name: 'invented',
      document: invented.english,
      title: /^Rivers rise across the valley.*warn of$/u,
      publishedAt: '2025-03-04T07:02:11',
      bodyCount: 4,
      teaserLines: [9, 10, 11],
      duplicateLines: [8],
      headings: ['Emergency Response'],
      kept: /^Crews worked through the night/u,
    },
  ])('$name', ({ document, title, publishedAt, bodyCount, teaserLines, duplicateLines, headings, kept }) => {
    expect(document.metadata.title).toMatch(title);
    expect(document.metadata.publishedAt).toBe(publishedAt);
    expect(document.metadata.language).toBe('en');
    const body = bodyOf(document);
    expect(body).toHaveLength(bodyCount);
    for (const heading of headings) expect(body).toContain(heading);
    expect(body.some((text) => kept.test(text))).toBe(true);
    expect(body.every((text) => !/[a-z]$/u.test(text) || headings.includes(text))).toBe(true);
    const reasons = reasonsOf(document);
    expect(reasons['teaser of another story']).toEqual(teaserLines);
    expect(reasons['duplicate paragraph']).toEqual(duplicateLines);
    expect(reasons['page stats']).toEqual([2]);
    expect(reasons.metadata).toEqual([3]);
    expect(reasons.title).toEqual([1]);
  });

  it('keeps the near-duplicate paragraph and drops the truncated ones', () => {
    const body = bodyOf(seeds.english);
    expect(body.filter((text) => text.startsWith('Masayoshi Son, the'))).toHaveLength(2);
    expect(body.some((text) => text.endsWith('The Chosun Ilbo reporte'))).toBe(false);
    expect(body.some((text) => text.startsWith('The CEOs of three major European'))).toBe(false);
    expect(body.at(-1)).toMatch(/\$4 trillion per year\.$/u);
  });
});

describe('cleanDocument: pinyin-annotated pages', () => {
  it.each([
    {
      name: 'seed 002',
      document: seeds.pinyin,
      title: 'AI競爭推高關鍵硬件需求,韓國、印度和沙特等國“囤貨”GPU',
      outlet: '中國金屬材料流通協會',
      bodyCount: 13,
      contains: ['1.8萬個高性能GPU', '《韓民族日報》2月17日報道', '推動不少國家加大', '韓國《亞洲日報》18日報道稱', '擔憂未來'],
      reasons: { 'spam header': [1], 'site chrome': [3, 5, 7], title: [9], footer: [38] },
    },
    {
      name: 'invented',
      document: invented.pinyin,
      title: '鋼鐵價格持續上漲',
      outlet: '中華鋼鐵協會',
      bodyCount: 1,
      contains: ['據《經濟日報》報道,多國鋼鐵價格上漲,中國出口增加。'],
      reasons: { 'spam header': [1], 'site chrome': [3, 4, 5], title: [7], footer: [11] },
    },
  ])('$name', ({ document, title, outlet, bodyCount, contains, reasons }) => {
    expect(document.metadata.title).toBe(title);
    expect(document.metadata.outlet).toBe(outlet);
    expect(document.metadata.language).toBe('zh-Hant');
    expect(bodyOf(document)).toHaveLength(bodyCount);
    for (const text of contains) expect(document.text).toContain(text);
    expect(document.text).not.toMatch(/[(?][a-zü\u0101-\u01dc]+\)/u);
    expect(document.text).not.toContain('?');
    expect(document.text).not.toContain('span>');
    expect(reasonsOf(document)).toEqual(reasons);
  });

  it('keeps subheadings as paragraphs', () => {
    expect(bodyOf(seeds.pinyin)).toEqual(expect.arrayContaining(['年底前確保1萬個GPU', '多國競爭關鍵硬件', '國家創新生態系統間的競爭']));
  });
});

describe('cleanDocument: Simplified articles with a numbered sidebar', () => {
  it.each([
    {
      name: 'seed 003',
      document: seeds.simplified,
      title: '黄仁勋“闪现” 英伟达欲稳中国市场',
      bodyCount: 24,
      sidebarLines: Array.from({ length: 20 }, (_, index) => 25 + index),
      footerLines: [45],
      headings: ['中国行', '稳市场', '替代版'],
    },
    {
      name: 'invented',
      document: invented.simplified,
      title: '电动车企业欧洲建厂',
      bodyCount: 4,
      sidebarLines: [5, 6, 7, 8],
      footerLines: [9],
      headings: ['产能'],
    },
  ])('$name', ({ document, title, bodyCount, sidebarLines, footerLines, headings }) => {
    expect(document.metadata.title).toBe(title);
    expect(document.metadata.language).toBe('zh-Hans');
    const body = bodyOf(document);
    expect(body).toHaveLength(bodyCount);
    for (const heading of headings) expect(body).toContain(heading);
    expect(body.some((text) => /^\d+ /u.test(text) || text.endsWith('...'))).toBe(false);
    expect(reasonsOf(document)['sidebar headline']).toEqual(sidebarLines);
    expect(reasonsOf(document).footer).toEqual(footerLines);
  });

  it('has no sidebar item left in the seed', () => {
    expect(bodyOf(seeds.simplified).some((text) => text.startsWith('3 老干妈'))).toBe(false);
    expect(bodyOf(seeds.simplified).at(-1)).toMatch(/未收到回复。$/u);
  });

  it('falls back to the first sentence when no headline names the article', () => {
    const document = cleanDocument('今天天气很好,公园里人很多。下午有雨。\n明天继续晴朗。', { fileName: 'weather.txt' });
    expect(document.metadata.title).toBe('今天天气很好,公园里人很多。');
    expect(document.paragraphs).toHaveLength(2);
  });
});

describe('cleanDocument: Traditional articles with doubled captions and a footer', () => {
  it.each([
    {
      name: 'seed 004',
      document: seeds.traditional,
      title: '黃仁勳上海逛菜市場做公關 不只推銷H2OO 其實是考察大陸AI發展的三件事',
      bodyCount: 19,
      captionLines: [3, 4, 10, 12, 42, 44],
      footerLines: [52, 54, 56, 58],
    },
    {
      name: 'invented',
      document: invented.traditional,
      title: '颱風逼近 北部明起停班停課',
      bodyCount: 2,
      captionLines: [5, 6],
      footerLines: [10, 12],
    },
  ])('$name', ({ document, title, bodyCount, captionLines, footerLines }) => {
    expect(document.metadata.title).toBe(title);
    expect(document.metadata.language).toBe('zh-Hant');
    expect(bodyOf(document)).toHaveLength(bodyCount);
    expect(document.text).not.toMatch(/圖[/／]/u);
    const reasons = reasonsOf(document);
    expect(reasons['image caption']).toEqual(captionLines);
    expect(reasons.footer).toEqual(footerLines);
  });

  it('keeps the seed subheadings and last paragraph', () => {
    const body = bodyOf(seeds.traditional);
    expect(body).toContain('第一件事,大陸用算法降低算力需求');
    expect(body.at(-1)).toBe('大陸正是黃仁勳「焦慮和擔憂」的主要來源。');
  });
});

describe('cleanDocument: other formats and shapes', () => {
  it('reads HTML: tags and entities go, chrome and captions are reported, head gives hints', () => {
    const html = [
      '<html><head><title>Chip Exports Rise | Daily Wire</title>',
      '<meta property="og:site_name" content="Daily Wire">',
      '<meta property="article:published_time" content="2025-02-01T08:00:00Z">',
      '<script>var x = "<p>not text</p>";</script></head>',
      '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>',
      '<h1>Chip Exports Rise</h1>',
      '<p>Exports of chips rose 12% in January,',
      'the ministry said &amp; analysts agreed.</p>',
      '<figure><img src="a.jpg"><figcaption>A factory floor.</figcaption></figure>',
      '<p>Demand from data centres drove the increase&nbsp;&mdash; again.</p>',
      '<footer>© 2025 Daily Wire</footer></body></html>',
    ].join('\n');
    const document = cleanDocument(html, { fileName: 'chips.html' });
    expect(document.metadata).toMatchObject({
      title: 'Chip Exports Rise',
      outlet: 'Daily Wire',
      publishedAt: '2025-02-01T08:00:00Z',
      language: 'en',
    });
    expect(bodyOf(document)).toEqual([
      'Exports of chips rose 12% in January, the ministry said & analysts agreed.',
      'Demand from data centres drove the increase — again.',
    ]);
    expect(document.dropped).toEqual([
      { line: 5, text: 'Home World', reason: 'site chrome' },
      { line: 6, text: 'Chip Exports Rise', reason: 'title' },
      { line: 9, text: 'A factory floor.', reason: 'image caption' },
      { line: 11, text: '© 2025 Daily Wire', reason: 'footer' },
    ]);
  });

  it('reads Markdown: heading markers and emphasis go, soft-wrapped lines join', () => {
    const markdown = [
      '# Solar Farms Expand',
      '',
      'Solar capacity grew **40%** last year,',
      'according to [the agency](https://example.com).',
      '',
      '## Outlook',
      '',
      '![panels](panels.jpg)',
      '- Prices keep falling.',
      '- Storage is next.',
    ].join('\n');
    const document = cleanDocument(markdown, { fileName: 'solar.md' });
    expect(document.metadata.title).toBe('Solar Farms Expand');
    expect(bodyOf(document)).toEqual([
      'Solar capacity grew 40% last year, according to the agency.',
      'Outlook',
      'Prices keep falling.',
      'Storage is next.',
    ]);
    expect(reasonsOf(document)).toEqual({ title: [1], image: [8] });
  });

  it('reflows a hard-wrapped English text but keeps its short final lines apart', () => {
    const wrapped = [
      'Port Traffic Slows',
      '',
      'Container traffic through the port fell for the second month in a row as',
      'shipping lines cut sailings and importers ran down their stocks ahead of',
      'the holiday season, according to figures released on Friday.',
      'Officials expect a recovery in spring.',
      '',
      'The port handled 1.2 million containers in October, down from 1.4 million',
      'a year earlier.',
    ].join('\n');
    const document = cleanDocument(wrapped, { fileName: 'port.txt' });
    expect(bodyOf(document)).toEqual([
      'Container traffic through the port fell for the second month in a row as shipping lines cut sailings and importers ran down their stocks ahead of the holiday season, according to figures released on Friday.',
      'Officials expect a recovery in spring.',
      'The port handled 1.2 million containers in October, down from 1.4 million a year earlier.',
    ]);
  });

  it('handles an empty input', () => {
    const document = cleanDocument('', { fileName: 'empty.txt' });
    expect(document).toEqual({ metadata: { title: 'empty', language: 'en' }, text: '', paragraphs: [], dropped: [] });
  });
});

describe('cleanDocument: dropped lines', () => {
  it.each([
    {
      name: 'a duplicated hard-wrapped paragraph lists each raw line with its own text',
      raw: [
        'Port Traffic Slows',
        '',
        'Container traffic through the port fell for the second month in a row as',
        'shipping lines cut sailings and importers ran down their stocks ahead of',
        'the holiday season.',
        '',
        'Container traffic through the port fell for the second month in a row as',
        'shipping lines cut sailings and importers ran down their stocks ahead of',
        'the holiday season.',
      ].join('\n'),
      expected: [
        { line: 1, text: 'Port Traffic Slows', reason: 'title' },
        { line: 7, text: 'Container traffic through the port fell for the second month in a row as', reason: 'duplicate paragraph' },
        { line: 8, text: 'shipping lines cut sailings and importers ran down their stocks ahead of', reason: 'duplicate paragraph' },
        { line: 9, text: 'the holiday season.', reason: 'duplicate paragraph' },
      ],
    },
  ])('$name', ({ raw, expected }) => {
    expect(cleanDocument(raw, { fileName: 'port.txt' }).dropped).toEqual(expected);
  });

  it('lists every non-blank seed line either in a paragraph or in dropped', () => {
    for (const name of seedNames) {
      const raw = readFileSync(seedsFolder + name, 'utf8');
      const document = cleanDocument(raw, { fileName: name });
      const droppedLines = new Set(document.dropped.map((line) => line.line));
      raw.split('\n').forEach((line, index) => {
        if (line.trim() === '' || droppedLines.has(index + 1)) return;
        const probe = line.trim().replace(/^(推|噓|→)\s*/u, '').replace(/[(?].*$/u, '').slice(0, 4);
        expect(document.text, `${name}:${index + 1}`).toContain(probe);
      });
    }
  });
});
