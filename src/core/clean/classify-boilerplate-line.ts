import { endsSentence, measureWidth } from './measure-width.js';
import { parseDate } from './parse-date.js';
import type { MetadataHints } from './types.js';

/** Why a line is not article text, and what metadata it carries, if any. */
export interface BoilerplateVerdict {
  reason: string;
  hints?: MetadataHints;
}

// Vocabulary of adult-spam titles that hijacked pages put above the article (Simplified and Traditional).
const spamTerms =
  /无码|無碼|毛片|久久|午夜|爆乳|少妇|少婦|国产|國產|精品|成人|色情|人妻|偷拍|自拍|露脸|露臉|一区|一區|二区|二區|专区|專區|免费观看|免費觀看|伦理|倫理|乱伦|亂倫|三级|三級|激情|福利|AV|av/gu;
const navigationLines = new Set([
  '搜索', '搜尋', '搜寻', 'search', '首頁', '首页', 'home', '登录', '登錄', '登入', '注册', '註冊', 'login', 'log in',
  'sign in', 'sign up', 'subscribe', 'menu', '菜单', '選單', '导航', '導航', 'english', '中文', '简体', '繁體', '繁体',
  '简体中文', '繁體中文', '網站地圖', '网站地图', '關於我們', '关于我们', '聯繫我們', '联系我们', '联系我们', 'skip to content',
]);
const footerLines = new Set([
  '返回列表', '返回', '返回首页', '返回首頁', '返回顶部', '返回頂部', '延伸閱讀', '延伸阅读', '相關新聞', '相关新闻', '相關文章',
  '相关文章', '熱門文章', '热门文章', '熱門新聞', '热门新闻', '推薦閱讀', '推荐阅读', '更多新聞', '更多新闻', '看更多', '臉書',
  '脸书', 'facebook', 'twitter', 'line', 'x', '分享', '分享到', '分享此文', '留言', '评论', '上一篇', '下一篇', '打印', '列印',
  '關閉', '关闭', '收藏', '讚', '赞', 'share', 'related', 'related articles', 'related news', 'read more', 'comments',
  'tags', '標籤', '标签', 'advertisement', '廣告', '广告',
]);
const copyrightNotice = /ICP\s*[备備证證]|備案號|备案号|Copyright|©|版權所有|版权所有|All rights reserved/iu;
const welcomeLine = /^(.*?)[\s,，、:：]*(?:歡迎您|欢迎您|歡迎光臨|欢迎光临|歡迎訪問|欢迎访问|歡迎來到|欢迎来到)(.*?)[!！。]?$|^Welcome to (.+?)[!.]?$/iu;
const phone = /(?:熱線|热线|電話|电话|客服|傳真|传真|\bTel\b|\bPhone\b|Hotline|Fax)\s*[:：]?\s*\+?\d[\d\s()-]{6,}\d/iu;
const captionCredit = /(?:圖|图|照片|相片|攝影|摄影|影像|資料照)\s*[/／:：|｜]\s*\S/u;
const captionBracketed = /[(（]\s*(?:圖|图|照片|攝影|摄影|photo|image)[^)）]{0,40}[)）]\s*$/iu;
const captionEnglish = /^(?:photo|image|picture)(?:\s+credit)?\s*[:：]|\b(?:photo|image)(?:\s+credit)?\s*[:/]\s*[^.]{1,60}$|\((?:photo|image|getty images|reuters|ap|afp)[^)]{0,40}\)$/iu;
const dateLabel =
  /^(?:update(?:d)?(?: time)?|published(?: on| at)?|publish(?:ed)? (?:time|date)|posted(?: on)?|date|release time|發布時間|发布时间|發佈時間|發表時間|发表时间|更新時間|更新时间|日期|時間|时间)\s*[:：]\s*(.+)$/iu;
const statsLabel =
  /^(?:views?|hits|clicks|reads|閱讀(?:數|次數|量)?|阅读(?:数|次数|量)?|瀏覽(?:數|次數|量)?|浏览(?:数|次数|量)?|點擊(?:數|量)?|点击(?:数|量)?|人氣|人气)\s*[:：]\s*[\d,]+\s*次?$/iu;
const authorLabel = /^(?:author|by|writer|reporter|作者|記者|记者|撰文|編輯|编辑|責任編輯|责任编辑|責編|责编)\s*[:：/／]\s*(.{1,40})$/iu;
const authorByline = /^By\s+((?:[A-Z][\w.'-]*\s*){1,4})$/u;
const sourceLabel = /^(?:source|來源|来源|出處|出处|原文連結|原文網址|原文链接|原文网址|original(?: link| url)?|url|link)\s*[:：]\s*(.{1,200})$/iu;

/**
 * Classifies one line as page boilerplate, or returns undefined for article text. Rules, each
 * with its reason: `spam header` (several hyphen-joined phrases with spam vocabulary and no
 * sentence punctuation), `site chrome` (welcome banners, hotline numbers, lone navigation
 * words), `footer` (lone footer words such as 延伸閱讀/分享/返回列表, copyright and ICP lines),
 * `image caption` (photo credits such as `圖/取自…`, `(圖…)`, `Photo: …`), `metadata`
 * (date, author or source lines, whose values are returned as hints) and `page stats`
 * (`Views : 2`). Only short lines are considered, so article paragraphs are never matched.
 * Never throws.
 * @example classifyBoilerplateLine('Update time : 2024-11-14 18:17:38')
 * // { reason: 'metadata', hints: { publishedAt: '2024-11-14T18:17:38' } }
 */
export function classifyBoilerplateLine(text: string): BoilerplateVerdict | undefined {
  const width = measureWidth(text);
  if (width > 240) return undefined;
  const lower = text.toLowerCase().replace(/[\s:：>»›|]+$/u, '');
  if (isSpamHeader(text)) return { reason: 'spam header' };
  if (navigationLines.has(lower)) return { reason: 'site chrome' };
  if (footerLines.has(lower)) return { reason: 'footer' };
  if (copyrightNotice.test(text) && width <= 160) return { reason: 'footer' };
  const welcome = width <= 80 ? welcomeLine.exec(text) : null;
  if (welcome) {
    const outlet = (welcome[1] || welcome[2] || welcome[3] || '').replace(/^[\s,，、!！]+|[\s,，、!！]+$/gu, '');
    return outlet ? { reason: 'site chrome', hints: { outlet } } : { reason: 'site chrome' };
  }
  if (width <= 80 && phone.test(text)) return { reason: 'site chrome' };
  if (width <= 200 && isImageCaption(text)) return { reason: 'image caption' };
  if (width <= 120) return classifyMetadataLine(text);
  return undefined;
}

function isSpamHeader(text: string): boolean {
  if (/[。，,！？!?；;]/u.test(text)) return false;
  const terms = new Set(text.match(spamTerms) ?? []);
  const segments = text.split(/\s*[-—_|｜]+\s*/u).filter((segment) => segment !== '');
  return (segments.length >= 3 && terms.size >= 2) || terms.size >= 4;
}

function isImageCaption(text: string): boolean {
  const credit = captionCredit.exec(text);
  // A credit counts at the start or in the last few characters, where captions put it.
  if (credit && (credit.index === 0 || text.length - credit.index <= 30)) return true;
  return captionBracketed.test(text) || captionEnglish.test(text);
}

function classifyMetadataLine(text: string): BoilerplateVerdict | undefined {
  if (statsLabel.test(text)) return { reason: 'page stats' };
  const date = dateLabel.exec(text);
  const publishedAt = date ? parseDate(date[1] ?? '') : undefined;
  if (publishedAt) return { reason: 'metadata', hints: { publishedAt } };
  const author = authorLabel.exec(text)?.[1] ?? authorByline.exec(text)?.[1];
  if (author && !endsSentence(author)) return { reason: 'metadata', hints: { author: author.trim() } };
  const source = sourceLabel.exec(text)?.[1]?.trim();
  if (source) {
    const url = /^https?:\/\/\S+$/u.exec(source)?.[0];
    if (url) return { reason: 'metadata', hints: { url } };
    if (!endsSentence(source) && measureWidth(source) <= 40) return { reason: 'metadata', hints: { outlet: source } };
  }
  return undefined;
}
