import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument, cleanRulesVersion } from './clean-document.js';

// The seeds' cleaned output under each rules version. When cleaning changes on purpose, bump
// cleanRulesVersion and record the new fingerprint here; never change a fingerprint alone.
const fingerprints: Record<number, string> = {
  1: '2c9a2ad30b7d4bf7',
};

describe('cleanRulesVersion', () => {
  it('is bumped whenever the cleaned output of the seeds changes', async () => {
    const seedsDir = path.resolve(import.meta.dirname, '../../../seeds');
    const hash = createHash('sha256');
    for (const fileName of (await readdir(seedsDir)).sort()) {
      hash.update(JSON.stringify(cleanDocument(await readFile(path.join(seedsDir, fileName), 'utf8'), { fileName })));
    }
    expect({ version: cleanRulesVersion, fingerprint: hash.digest('hex').slice(0, 16) }).toEqual({ version: cleanRulesVersion, fingerprint: fingerprints[cleanRulesVersion] });
  });
});
