import { replaceOrdinal } from './ordinal-reference.js';
import type { ChatTurn } from './types.js';

/**
 * The topic a follow-up leans on: the last user question that was not itself a follow-up, so
 * "那第三件呢？" after "第二件呢？" keeps "黃仁勳最掛心的第一件事是什麼？". An ordinal in it is
 * replaced by the follow-up's ("第一件事" → "第三件事"). Without an earlier user turn, "".
 */
export function topicOfConversation(
  question: string,
  history: ChatTurn[],
  isFollowUp: (question: string, history: ChatTurn[]) => boolean,
): string {
  for (let index = history.length - 1; index >= 0; index--) {
    const turn = history[index]!;
    if (turn.role !== 'user') continue;
    if (isFollowUp(turn.content, history.slice(0, index))) continue;
    return replaceOrdinal(turn.content, question);
  }
  const latest = [...history].reverse().find((turn) => turn.role === 'user');
  return latest ? replaceOrdinal(latest.content, question) : '';
}
