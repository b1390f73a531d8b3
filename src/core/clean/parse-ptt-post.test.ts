import { describe, expect, it } from 'vitest';
import { parsePttPost } from './parse-ptt-post.js';

function toLines(lines: string[]): { line: number; text: string }[] {
  return lines.map((text, index) => ({ line: index + 1, text }));
}

describe('parsePttPost', () => {
  it.each([
    {
      name: 'glued one-line header (seed shape)',
      lines: ['作者deepelves (Eadem mutata resurgo)看板Stock標題[新聞] 日相和黃仁勳會面時間Tue Dec  5 17:10:17 2023', '內文'],
      hints: { title: '日相和黃仁勳會面', author: 'deepelves', outlet: 'PTT Stock', publishedAt: '2023-12-05T17:10:17' },
    },
    {
      name: 'three-line header, Re: title (invented)',
      lines: ['作者  techfan01 (小明)  看板  Tech_Job', '標題  Re: [討論] 要不要轉職', '時間  Mon Mar  3 09:15:02 2025', '內文'],
      hints: { title: '要不要轉職', author: 'techfan01', outlet: 'PTT Tech_Job', publishedAt: '2025-03-03T09:15:02' },
    },
  ])('$name', ({ lines, hints }) => {
    const post = parsePttPost(toLines(lines));
    expect(post?.hints).toEqual(hints);
    expect(post?.bodyLines.filter((line) => line.text !== '').map((line) => line.text)).toEqual(['內文']);
  });

  it.each([
    ['推 herculus6502: 先等一下，我空單平倉先 12/05 17:12', 'herculus6502: 先等一下，我空單平倉先'],
    ['推 pisu        :  https://i.imgur.com/Ag4BUZQ.gif 12/05 17:46', 'pisu: https://i.imgur.com/Ag4BUZQ.gif'],
    ['噓 skeptic99   : 又在畫大餅 1.2.3.4 03/03 09:30', 'skeptic99: 又在畫大餅'],
    ['推 simo520     : 向下375 12/05 17:52', 'simo520: 向下375'],
  ])('push line %s', (line, expected) => {
    const post = parsePttPost(toLines(['作者a (b)看板C標題d時間Tue Dec  5 17:10:17 2023', line]));
    expect(post?.comments.map((comment) => comment.text)).toEqual([expected]);
  });

  it('is not fooled by an ordinary article', () => {
    expect(parsePttPost(toLines(['作者：王小明', '今天天氣很好。']))).toBeUndefined();
  });
});
