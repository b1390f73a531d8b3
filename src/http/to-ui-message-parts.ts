import type { UIMessageChunk } from 'ai';
import type { FollowUpEvent } from '../engine/suggest-follow-ups.js';

/**
 * Maps the answer's events to the AI SDK's UI message stream parts that `useChat` reads:
 * `start`; the retrieval summary as a transient `data-retrieval`; one text part (`text-start`
 * before its first delta, `text-end` before the finish); each citation as `source-url` plus
 * `data-citation` (without the paragraph text); an `error` part; suggested follow-up questions as
 * `data-suggestions` `{ questions }`; and `finish` with the
 * answer's metadata, `finishReason: 'error'` when the answer was interrupted.
 */
export async function* toUIMessageParts(
  events: AsyncIterable<FollowUpEvent> | Iterable<FollowUpEvent>,
  options: { textId: string },
): AsyncGenerator<UIMessageChunk> {
  const { textId } = options;
  let textStarted = false;
  yield { type: 'start' };
  for await (const event of events) {
    if (event.type === 'retrieval') {
      yield { type: 'data-retrieval', data: event.retrieval, transient: true };
    } else if (event.type === 'text-delta') {
      if (!textStarted) yield { type: 'text-start', id: textId };
      textStarted = true;
      yield { type: 'text-delta', id: textId, delta: event.delta };
    } else if (event.type === 'citation') {
      const { passage: _passage, ...citation } = event.citation;
      yield { type: 'source-url', sourceId: `citation-${citation.n}`, url: citation.url, title: citation.title };
      yield { type: 'data-citation', id: `citation-${citation.n}`, data: citation };
    } else if (event.type === 'suggestions') {
      yield { type: 'data-suggestions', id: 'suggestions', data: { questions: event.questions } };
    } else if (event.type === 'error') {
      yield { type: 'error', errorText: event.message };
    } else {
      if (textStarted) yield { type: 'text-end', id: textId };
      const { answer } = event;
      yield {
        type: 'finish',
        finishReason: answer.interrupted ? 'error' : 'stop',
        messageMetadata: {
          mode: answer.mode,
          refused: answer.refused,
          language: answer.language,
          promptVersion: answer.promptVersion,
          interrupted: answer.interrupted,
        },
      };
    }
  }
}
