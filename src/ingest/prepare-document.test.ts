import { describe, expect, it } from 'vitest';
import { prepareDocument, prepareDocuments } from './prepare-document.js';
import type { SkippedFile, SourceFile } from './read-source-files.js';

const article = (docId: string, title: string): SourceFile => ({
  docId,
  sourcePath: `/sources/${docId}.txt`,
  raw: `${title}\n\nThe council voted on the budget on Tuesday.\n\nThe tax rate will rise next year.\n`,
});
// Cleaning never throws on text; a file that is not text stands in for a cleaning bug.
const broken: SourceFile = { docId: 'broken', sourcePath: '/sources/broken.txt', raw: undefined as unknown as string };

describe('prepareDocuments', () => {
  it('prepares each file as prepareDocument does, counting skipped files in `done`, and lists a file whose cleaning throws', () => {
    const files = [article('a', 'First'), broken, article('c', 'Third')];
    const skipped: SkippedFile[] = [{ sourcePath: '/sources/empty.txt', reason: 'empty file' }];
    const prepared = [...prepareDocuments(files, 'model-x', skipped)];
    expect(prepared.map(({ document, done }) => [document.docId, done])).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(prepared[0]).toEqual({ ...prepareDocument(files[0]!, 'model-x'), done: 1 });
    expect(skipped).toEqual([
      { sourcePath: '/sources/empty.txt', reason: 'empty file' },
      { sourcePath: '/sources/broken.txt', reason: expect.stringMatching(/^cleaning failed: /u) },
    ]);
  });

  it('prepares a file only when the caller asks for the next one', () => {
    const skipped: SkippedFile[] = [];
    const documents = prepareDocuments([broken, article('b', 'Second')], 'none', skipped);
    expect(skipped).toEqual([]);
    expect(documents.next().value?.document.docId).toBe('b');
    expect(skipped).toHaveLength(1);
  });
});
