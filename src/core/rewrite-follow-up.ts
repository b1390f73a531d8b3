import { capHistory } from './cap-history.js';
import { maxFollowUpTopicLength } from './limits.js';
import { topicOfConversation } from './follow-up-topic.js';
import type { ChatTurn } from './types.js';

const followUpOpeners = /^(?:what about|how about|and (?:what|how|in|for)|what of|same for|and\b)|^(?:那|那麼|那么|還有|还有|至於|至于|另外|而)/iu;
const followUpEndings = /(?:呢|的呢|怎麼樣|怎么样|如何)[?？]?\s*$/u;
const pronouns = /\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those)\b|[它他她其該该此這这那]/iu;

/**
 * Decides whether a question leans on the conversation ("What about Korea?", "那印度呢？").
 * Short questions, questions that open with "what about"/"那", end in "呢", or refer back with
 * a pronoun count as follow-ups when there is an earlier user turn.
 */
export function isFollowUp(question: string, history: ChatTurn[]): boolean {
  if (!history.some((turn) => turn.role === 'user')) return false;
  const trimmed = question.trim();
  const han = /\p{Script=Han}/u.test(trimmed);
  const size = han ? [...trimmed].length : trimmed.split(/\s+/).length;
  // A pronoun only signals a follow-up in a short question; long ones carry their own topic.
  const referringBack = pronouns.test(trimmed) && size <= (han ? 14 : 8);
  return size <= (han ? 8 : 4) || followUpOpeners.test(trimmed) || followUpEndings.test(trimmed) || referringBack;
}

/**
 * The offline stand-in for an LLM rewrite: a follow-up is searched together with the last
 * user question, so "What about Korea?" after "How many GPUs does Japan want?" searches for
 * both. The follow-up's own words are returned too, so ranking can favour passages that
 * contain them (Korea), not just the earlier topic (Japan). The earlier question is read up to
 * `maxHistoryTurnChars`, so the search text stays bounded however long that turn was.
 */
export function rewriteFollowUp(question: string, history: ChatTurn[]): { searchQuery: string; focus?: string } {
  if (!isFollowUp(question, history)) return { searchQuery: question };
  const topic = topicOfConversation(question, capHistory(history), isFollowUp).slice(0, maxFollowUpTopicLength);
  return { searchQuery: `${question} ${topic}`, focus: question };
}
