import { readListItem, readOrdinal } from './ordinal-reference.js';
import type { Passage } from './types.js';

/**
 * For a follow-up that points into a list ("第二件呢？", "And the third one?"): the ids of the
 * passages that hold that item, in document order, so the paragraph that states the item comes
 * before the ones that go on about it. Empty when the follow-up names no position.
 */
export function rankListItems(followUp: string, passages: Passage[]): string[] {
  const wanted = readOrdinal(followUp);
  if (wanted === undefined) return [];
  return passages
    .filter((passage) => readListItem(passage) === wanted)
    .sort((left, right) => (left.docId === right.docId ? left.paragraph - right.paragraph || left.chunk - right.chunk : left.docId < right.docId ? -1 : 1))
    .map((passage) => passage.id);
}
