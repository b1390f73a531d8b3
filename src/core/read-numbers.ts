const scales: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12,
  百: 1e2, 千: 1e3, 萬: 1e4, 万: 1e4, 億: 1e8, 亿: 1e8, 兆: 1e12,
};

const numberPattern = /(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(hundred|thousand|million|billion|trillion|mn|bn)\b|\s*((?:[百千萬万億亿兆])+))?/giu;

/**
 * The numeric values a text states, with their scale words read: `18,000` and `1.8萬` are both
 * 18000, `4 trillion yen` and `4兆日圓` are both 4e12. Years are values too. Pure; never throws.
 *
 * @example readNumbers('1.8萬多個GPU') // → [18000]
 */
export function readNumbers(text: string): number[] {
  const values: number[] = [];
  for (const match of text.normalize('NFKC').matchAll(numberPattern)) {
    let value = Number(`${match[1]!.replaceAll(',', '')}.${match[2] ?? '0'}`);
    const english = match[3]?.toLowerCase();
    if (english) value *= scales[english]!;
    for (const character of match[4] ?? '') value *= scales[character]!;
    if (Number.isFinite(value)) values.push(Math.round(value * 1e6) / 1e6);
  }
  return values;
}
