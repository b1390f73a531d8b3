import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress } from 'node:zlib';
import type { DictionaryMaps, KeyedLookup } from '../core/bilingual-lexicon.js';

/** The compact CC-CEDICT file made by `npm run build:lexicon` (CC BY-SA 4.0, see lexicon/NOTICE). */
export const cedictPath = fileURLToPath(new URL('../../lexicon/cedict.tsv.br', import.meta.url));

/**
 * A look-up over "key<TAB>value" lines sorted by key (UTF-16 order, as the build script sorts),
 * by binary search over line offsets. Nothing is split up front: the text stays one string and
 * the index one Int32Array, so loading costs a scan for line ends and the heap grows by about
 * the text's size, not by 200k map entries.
 */
function indexSortedLines(text: string, from: number, to: number): KeyedLookup {
  const starts: number[] = [];
  for (let start = from; start < to; ) {
    starts.push(start);
    const end = text.indexOf('\n', start);
    start = end === -1 || end > to ? to : end + 1;
  }
  const offsets = Int32Array.from(starts);
  const keyAt = (index: number): string => text.slice(offsets[index]!, text.indexOf('\t', offsets[index]!));
  return {
    get(key) {
      let low = 0;
      let high = offsets.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const candidate = keyAt(middle);
        if (candidate === key) {
          const valueStart = offsets[middle]! + candidate.length + 1;
          const lineEnd = text.indexOf('\n', valueStart);
          return text.slice(valueStart, lineEnd === -1 || lineEnd > to ? to : lineEnd);
        }
        if (candidate < key) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
  };
}

/**
 * Reads the compact lexicon text: a "#zh" section of "headword<TAB>gloss|gloss" lines, then a
 * "#en" section of "gloss<TAB>word|word" lines, each sorted by key. Throws when a section is missing.
 */
export function parseCedictText(text: string): DictionaryMaps {
  const zh = text.indexOf('#zh\n');
  const en = text.indexOf('\n#en\n');
  if (zh === -1 || en === -1) throw new Error('the lexicon file has no "#zh" and "#en" sections: run `npm run build:lexicon`');
  return {
    englishByChinese: indexSortedLines(text, zh + 4, en),
    chineseByEnglish: indexSortedLines(text, en + 5, text.endsWith('\n') ? text.length - 1 : text.length),
  };
}

const loaded = new Map<string, Promise<DictionaryMaps>>();
// Decompressed on libuv's thread pool: a synchronous Brotli pass over the file blocks the event
// loop for ~60 ms, long enough to stall requests served meanwhile.
const decompress = promisify(brotliDecompress);

/** Frees a buffer's memory now by detaching its ArrayBuffer (Node 22+), unless it is Node's shared pool. */
function releaseBuffer(buffer: Buffer): void {
  const arrayBuffer = buffer.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (arrayBuffer.byteLength > Buffer.poolSize) arrayBuffer.transfer?.(0);
}

/**
 * The text of a Brotli file. The output is one chunk large enough for the whole text (the
 * lexicon expands about 3×), so no second copy is concatenated, and both buffers are freed as
 * soon as the text is made: otherwise ~13 MB waits for V8's next full collection, which an idle
 * server may not run for minutes.
 */
async function readBrotliText(path: string): Promise<string> {
  const compressed = await readFile(path);
  const decompressed = await decompress(compressed, { chunkSize: Math.max(64 * 1024, compressed.length * 4) });
  const text = decompressed.toString('utf8');
  releaseBuffer(compressed);
  releaseBuffer(decompressed);
  return text;
}

/**
 * Reads CC-CEDICT in both directions, once per path per process (later calls share the first
 * promise). Throws when the file is missing or not the Brotli lexicon file.
 */
export function loadCedict(path = cedictPath): Promise<DictionaryMaps> {
  let pending = loaded.get(path);
  if (!pending) {
    pending = readBrotliText(path).then(parseCedictText);
    pending.catch(() => loaded.delete(path));
    loaded.set(path, pending);
  }
  return pending;
}
