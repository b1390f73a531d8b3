/** One opencc-js dictionary: `"from to|from to"`, or pairs. */
export type ScriptDictionary = string | readonly (readonly [string, string])[];
/** Dictionaries searched together, the first that holds a key giving its replacement. */
export type ScriptDictionaryGroup = readonly ScriptDictionary[];

/** An opencc-js conversion config (`OpenCC.Locale.configs`, such as `s2tw`). */
export interface ScriptConversionConfig {
  normalizationChain?: readonly ScriptDictionaryGroup[];
  segmentation?: ScriptDictionary | ScriptDictionaryGroup;
  conversionChain: readonly ScriptDictionaryGroup[];
}

/**
 * One dictionary as a trie in typed arrays, over UTF-16 code units. The children of a node are
 * consecutive nodes sorted by the code unit that leads to them, found by binary search; the
 * root's, the most numerous, through a map. A Map per node, as opencc-js builds, costs ~400
 * bytes a node; this costs 12.
 */
interface DictionaryTable {
  rootChildren: Map<number, number>;
  firstChild: Int32Array;
  childCount: Int32Array;
  /** The code unit on the edge into each node. */
  unit: Uint16Array;
  /** Index into `values` of the replacement for the key that ends at a node, else -1. */
  valueAt: Int32Array;
  values: string[];
}

interface Match {
  end: number;
  value: string;
}

const unitsOf = (codePoint: number) => (codePoint > 0xffff ? 2 : 1);

function buildTable(dictionary: ScriptDictionary): DictionaryTable {
  // Later entries of one dictionary replace earlier ones, as in opencc-js's trie.
  const entries = new Map<string, string>();
  const pairs = typeof dictionary === 'string' ? dictionary.split('|').map((line) => line.split(' ')) : dictionary;
  for (const [from, to] of pairs) {
    if (typeof from !== 'string' || typeof to !== 'string') throw new TypeError('Invalid dictionary entry: expected "source replacement".');
    if (from) entries.set(from, to);
  }
  const keys = [...entries.keys()].sort(); // by UTF-16 code units, so siblings come in order
  const capacity = keys.reduce((sum, key) => sum + key.length, 1);
  const firstChild = new Int32Array(capacity);
  const childCount = new Int32Array(capacity);
  const unit = new Uint16Array(capacity);
  const valueAt = new Int32Array(capacity).fill(-1);
  const values: string[] = [];
  let nodes = 1;
  // Each node owns the run of sorted keys that start with its path; depth = the path's length.
  const pending: { node: number; from: number; to: number; depth: number }[] = [{ node: 0, from: 0, to: keys.length, depth: 0 }];
  while (pending.length > 0) {
    const { node, from, to, depth } = pending.pop()!;
    let index = from;
    if (index < to && keys[index]!.length === depth) {
      valueAt[node] = values.push(entries.get(keys[index]!)!) - 1;
      index++;
    }
    firstChild[node] = nodes;
    while (index < to) {
      const code = keys[index]!.charCodeAt(depth);
      let next = index + 1;
      while (next < to && keys[next]!.charCodeAt(depth) === code) next++;
      unit[nodes] = code;
      pending.push({ node: nodes, from: index, to: next, depth: depth + 1 });
      nodes++;
      index = next;
    }
    childCount[node] = nodes - firstChild[node]!;
  }
  const rootChildren = new Map<number, number>();
  for (let child = firstChild[0]!; child < firstChild[0]! + childCount[0]!; child++) rootChildren.set(unit[child]!, child);
  return { rootChildren, firstChild: firstChild.slice(0, nodes), childCount: childCount.slice(0, nodes), unit: unit.slice(0, nodes), valueAt: valueAt.slice(0, nodes), values };
}

function childOf(table: DictionaryTable, node: number, code: number): number {
  if (node === 0) return table.rootChildren.get(code) ?? -1;
  let low = table.firstChild[node]!;
  let high = low + table.childCount[node]! - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = table.unit[middle]!;
    if (candidate === code) return middle;
    if (candidate < code) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The dictionaries searched together, and a bit per code unit that starts a key in any of them. */
interface DictionaryGroup {
  tables: readonly DictionaryTable[];
  starts: Uint8Array;
}

function groupTables(tables: readonly DictionaryTable[]): DictionaryGroup {
  const starts = new Uint8Array(0x10000 / 8);
  for (const table of tables) for (const code of table.rootChildren.keys()) starts[code >> 3]! |= 1 << (code & 7);
  return { tables, starts };
}

/**
 * The longest key of the group's dictionaries that `text` holds at `start`, with the
 * replacement of the first dictionary that has it. Keys end on code point boundaries, as
 * opencc-js's trie of code points matches them.
 */
function matchLongest(group: DictionaryGroup, text: string, start: number): Match | null {
  const first = text.charCodeAt(start);
  if ((group.starts[first >> 3]! & (1 << (first & 7))) === 0) return null;
  let bestEnd = -1;
  let bestValue = '';
  for (const table of group.tables) {
    let node = 0;
    for (let end = start; end < text.length; ) {
      node = childOf(table, node, text.charCodeAt(end));
      if (node < 0) break;
      end++;
      const valueIndex = table.valueAt[node]!;
      // Longer only: on a tie the earlier dictionary keeps its replacement.
      if (valueIndex >= 0 && end > bestEnd && !(isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end)))) {
        bestEnd = end;
        bestValue = table.values[valueIndex]!;
      }
    }
  }
  return bestEnd < 0 ? null : { end: bestEnd, value: bestValue };
}

function ideographicDescriptionArity(codePoint: number): number {
  if (codePoint >= 0x2ff0 && codePoint <= 0x2ff1) return 2;
  if (codePoint >= 0x2ff2 && codePoint <= 0x2ff3) return 3;
  if (codePoint >= 0x2ff4 && codePoint <= 0x2fff) return 2;
  return 0;
}

/** Where an ideographic description sequence (⿰氵每) starting at `start` ends, else 0. */
function ideographicDescriptionEnd(text: string, start: number): number {
  const arity = ideographicDescriptionArity(text.codePointAt(start)!);
  if (arity === 0) return 0;
  let end = start + unitsOf(text.codePointAt(start)!);
  for (let component = 0; component < arity; component++) {
    if (end >= text.length) return 0;
    end = ideographicDescriptionEnd(text, end) || end + unitsOf(text.codePointAt(end)!);
  }
  return end;
}

/** Unmatched text moves on by a code point, or by a whole description sequence. */
function unmatchedLength(text: string, start: number): number {
  const end = ideographicDescriptionEnd(text, start);
  return end > start ? end - start : unitsOf(text.codePointAt(start)!);
}

/** Splits `text` into matched keys and the runs between them, or replaces the keys (`replace`). */
function walk(group: DictionaryGroup, text: string, replace: boolean): string[] {
  const parts: string[] = [];
  let unmatchedFrom = -1;
  for (let index = 0; index < text.length; ) {
    const match = matchLongest(group, text, index);
    if (match) {
      if (unmatchedFrom >= 0) parts.push(text.slice(unmatchedFrom, index));
      unmatchedFrom = -1;
      parts.push(replace ? match.value : text.slice(index, match.end));
      index = match.end;
    } else {
      if (unmatchedFrom < 0) unmatchedFrom = index;
      index += unmatchedLength(text, index);
    }
  }
  if (unmatchedFrom >= 0) parts.push(text.slice(unmatchedFrom));
  return parts;
}

/**
 * Builds a converter that gives exactly what opencc-js's `Converter` gives for the same config
 * (normalization, then segmentation, then each conversion group over each segment, longest
 * match first), from tries in typed arrays instead of a trie of Maps: the `cn → tw` converter
 * holds about 2 MB instead of 39 MB, builds in under half the time and converts as fast. Each
 * dictionary is loaded once however many groups name it. Throws TypeError on a malformed entry.
 * @example createScriptConverter(OpenCC.Locale.configs.s2tw)('头发') // '頭髮'
 */
export function createScriptConverter(config: ScriptConversionConfig): (text: string) => string {
  const loaded = new Map<ScriptDictionary, DictionaryTable>();
  const tablesOf = (group: ScriptDictionaryGroup) =>
    groupTables(
      group.map((dictionary) => {
        let table = loaded.get(dictionary);
        if (!table) loaded.set(dictionary, (table = buildTable(dictionary)));
        return table;
      }),
    );
  const normalization = (config.normalizationChain ?? []).map(tablesOf);
  const segmentation = config.segmentation === undefined ? undefined : tablesOf(isGroup(config.segmentation) ? config.segmentation : [config.segmentation]);
  const conversion = config.conversionChain.map(tablesOf);
  return (text) => {
    const normalized = normalization.reduce((current, group) => walk(group, current, true).join(''), text);
    const segments = segmentation ? walk(segmentation, normalized, false) : [normalized];
    return segments.map((segment) => conversion.reduce((current, group) => walk(group, current, true).join(''), segment)).join('');
  };
}

/** A segmentation of several `"from to|…"` dictionaries, as opposed to one (as opencc-js tells them apart). */
function isGroup(value: ScriptDictionary | ScriptDictionaryGroup): value is ScriptDictionaryGroup {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
