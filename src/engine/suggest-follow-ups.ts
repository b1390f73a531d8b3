import { draftFollowUps, type FollowUpDraft } from '../core/draft-follow-ups.js';
import { keywordCoverage } from '../core/keyword-coverage.js';
import { normalizeSearchText } from '../core/normalize-search-text.js';
import type { ChatTurn, StoredDocument } from '../core/types.js';
import type { Embedder, LexiconSource, Logger, PassageFilter, PassageStore } from '../ports.js';
import type { AnswerEvent, FinalAnswer } from './answer-question.js';
import type { AnswerSettings } from './answer-settings.js';
import { retrieve } from './retrieve.js';

export interface FollowUpDeps {
  store: PassageStore;
  embedder: Embedder | null;
  lexicon?: LexiconSource;
  settings: AnswerSettings;
  log: Logger;
}

/** At most this many suggestions are shown. */
export const maxSuggestions = 3;
/** Drafts checked by retrieval per answer, nearest to the cited paragraphs first. */
const maxDraftsChecked = 8;
/** Of the passages retrieval ranks for a draft, this many may hold its answer. */
const supportDepth = 3;
/** The share of a draft's key words that a supporting passage must hold outside the quotes already shown. */
const keyCoverageFloor = 0.75;

/**
 * Whether retrieval answers the draft with something new: among its top passages (all above the
 * relevance floor), one that holds the draft's key words once the answer's own quotes are taken
 * out of it, and that holds more than those words (a heading is not its own answer).
 */
async function isAnswerable(deps: FollowUpDeps, draft: FollowUpDraft, answer: FinalAnswer, filter: PassageFilter | undefined, sameLanguageOnly: boolean): Promise<boolean> {
  const retrieval = await retrieve(deps, draft.question, {
    topK: deps.settings.topK,
    filter,
    scoreFloor: deps.settings.scoreFloor,
    vectorScoreFloor: deps.settings.vectorScoreFloor,
    sameLanguageOnly,
  });
  const keySearchText = normalizeSearchText(draft.keyText);
  return retrieval.passages.slice(0, supportDepth).some(({ passage }) => {
    let remainder = passage.text;
    for (const citation of answer.citations) {
      if (citation.docId === passage.docId && citation.paragraph === passage.paragraph) remainder = remainder.split(citation.quote).join(' ');
    }
    if ([...remainder.trim()].length < 2 * [...draft.keyText].length) return false;
    return keywordCoverage(keySearchText, normalizeSearchText(remainder, { hanWords: false })) >= keyCoverageFloor;
  });
}

/**
 * Two or three follow-up questions for an answer, drafted from its cited documents only
 * (`draftFollowUps`) and each checked by running retrieval on it: a draft is kept only when a
 * passage above the relevance floor answers it with more than the quotes already shown. A
 * refused answer gets none. Makes no model call. Throws when the store fails.
 */
export async function suggestFollowUps(deps: FollowUpDeps, request: { answer: FinalAnswer; history?: ChatTurn[]; filter?: PassageFilter }): Promise<string[]> {
  const { answer } = request;
  if (answer.refused || answer.citations.length === 0) return [];
  const store = (await deps.store.pin?.()) ?? deps.store;
  const documents = (await Promise.all([...new Set(answer.citations.map((citation) => citation.docId))].map((docId) => store.getDocument(docId)))).filter(
    (document): document is StoredDocument => document !== undefined,
  );
  const drafts = draftFollowUps({
    asked: [answer.standaloneQuestion, ...(request.history ?? []).filter((turn) => turn.role === 'user').map((turn) => turn.content)],
    language: answer.language,
    cited: answer.citations,
    documents: documents.map((document) => ({ docId: document.docId, language: document.metadata.language, paragraphs: document.paragraphs })),
  }).slice(0, maxDraftsChecked);
  // Drafts are written in the answer's language from the cited documents: when those are all in
  // that language (either Chinese script counts), a search in the other language finds nothing new.
  const sameLanguageOnly = documents.every((document) => (document.metadata.language === 'en') === (answer.language === 'en'));
  const answerable = await Promise.all(drafts.map((draft) => isAnswerable({ ...deps, store }, draft, answer, request.filter, sameLanguageOnly)));
  return drafts.filter((_draft, index) => answerable[index]).slice(0, maxSuggestions).map((draft) => draft.question);
}

/**
 * `suggestFollowUps` for a route: none for an interrupted answer, and a failure is logged and
 * costs only the suggestions, never the answer. Never throws.
 */
export async function trySuggestFollowUps(
  deps: FollowUpDeps,
  request: { answer: FinalAnswer; history?: ChatTurn[]; filter?: PassageFilter; requestId?: string },
): Promise<string[]> {
  if (request.answer.interrupted) return [];
  try {
    return await suggestFollowUps(deps, request);
  } catch (error) {
    deps.log.warn('follow-ups-failed', { requestId: request.requestId, error: (error as Error).message });
    return [];
  }
}

export type FollowUpEvent = AnswerEvent | { type: 'suggestions'; questions: string[] };

/**
 * Passes an answer's events through and, before its `finish`, adds a `suggestions` event when
 * there are any (`trySuggestFollowUps`).
 */
export async function* withFollowUps(
  deps: FollowUpDeps,
  events: AsyncIterable<AnswerEvent>,
  request: { history?: ChatTurn[]; filter?: PassageFilter; signal?: AbortSignal; requestId?: string },
): AsyncGenerator<FollowUpEvent> {
  for await (const event of events) {
    if (event.type === 'finish' && !request.signal?.aborted) {
      const questions = await trySuggestFollowUps(deps, { ...request, answer: event.answer });
      if (questions.length) yield { type: 'suggestions', questions };
    }
    yield event;
  }
}
