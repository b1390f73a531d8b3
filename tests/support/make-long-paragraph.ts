/**
 * A source file of one paragraph of about `bytes` UTF-8 bytes with no blank line: varied English
 * and Chinese sentences (a fixed pseudo-random sequence, so no two paragraphs repeat), hard
 * wrapped at 76 columns when `wrapped` is set, else on one line.
 */
export function makeLongParagraph(bytes: number, options: { wrapped?: boolean; seed?: number } = {}): string {
  const words = ['Japan', 'Korea', 'GPU', 'Nvidia', 'research', 'labs', 'supply', 'chips', 'government', 'budget', 'plans', 'data', 'center', 'power'];
  const han = ['韓國', '政府', '計畫', '採購', '顯示卡', '人工智慧', '晶片', '市場', '輝達', '日本', '預算', '資料中心'];
  let state = options.seed ?? 1;
  const next = (limit: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % limit;
  };
  const sentences: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentence = next(3) === 0
      ? `${Array.from({ length: 6 + next(8) }, () => han[next(han.length)]).join('')}${next(1000)}。`
      : `${Array.from({ length: 8 + next(10) }, () => words[next(words.length)]).join(' ')} ${next(100_000)}.`;
    sentences.push(sentence);
    size += Buffer.byteLength(sentence) + 1;
  }
  const text = sentences.join(' ');
  if (!options.wrapped) return `${text}\n`;
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += 76) lines.push(text.slice(start, start + 76));
  return `${lines.join('\n')}\n`;
}
