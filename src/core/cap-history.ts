import type { ChatTurn } from './types.js';

/** The most of one earlier turn that is read: as long as a question may be. */
export const maxHistoryTurnChars = 2_000;
/** The most earlier turns that are read (the routes accept 20). */
export const maxHistoryTurnsRead = 20;

/**
 * Bounds the conversation before anything reads it: the last `maxTurns` turns, each cut to its
 * first `maxChars` characters (never inside a surrogate pair). Every later step (follow-up
 * search text, language detection, the rewrite prompt) then costs at most a question's worth of
 * work per turn, whatever a client sends. Pure; never throws.
 *
 * @example capHistory([{ role: 'user', content: 'x'.repeat(10_000) }])[0].content.length // 2000
 */
export function capHistory(history: readonly ChatTurn[], maxChars = maxHistoryTurnChars, maxTurns = maxHistoryTurnsRead): ChatTurn[] {
  return history.slice(-maxTurns).map((turn) => (turn.content.length <= maxChars ? turn : { ...turn, content: cutAt(turn.content, maxChars) }));
}

function cutAt(text: string, maxChars: number): string {
  const code = text.charCodeAt(maxChars - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars);
}
