import type { FinalAnswer } from '../engine/answer-question.js';
import type { Logger } from '../ports.js';

/** Logs one `answer` event per answered question, the same for /api/ask and /api/chat. */
export function logAnswer(log: Logger, requestId: string, answer: FinalAnswer): void {
  log.info('answer', {
    requestId,
    mode: answer.mode,
    refused: answer.refused,
    retrievalMs: answer.retrieval.ms,
    passages: answer.retrieval.passages.map((passage) => `${passage.docId}#p-${passage.paragraph}`),
    citations: answer.citations.length,
  });
}
