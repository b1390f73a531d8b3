import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SeedFile } from './read-seed-sentences.js';

/**
 * Writes `documents` source files made from the seeds: copy k of a seed has every digit
 * rotated by k, so copies differ in content (hashes, numbers, dates) but clean and split
 * exactly like the original. Returns the folder.
 */
export async function writeSyntheticSources(directory: string, seeds: readonly SeedFile[], documents: number): Promise<string> {
  await mkdir(directory, { recursive: true });
  await Promise.all(Array.from({ length: documents }, (_, index) => {
    const seed = seeds[index % seeds.length]!;
    const copy = Math.floor(index / seeds.length);
    const raw = copy === 0 ? seed.raw : seed.raw.replace(/\d/g, (digit) => String((Number(digit) + copy) % 10));
    const fileName = `${String(index).padStart(4, '0')}_${path.parse(seed.fileName).name}${path.extname(seed.fileName)}`;
    return writeFile(path.join(directory, fileName), raw);
  }));
  return directory;
}
