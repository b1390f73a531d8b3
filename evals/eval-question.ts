import type { Citation, Language } from '../src/core/types.js';
import type { FinalAnswer } from '../src/engine/answer-question.js';
import { detectAnswerLanguage } from './detect-answer-language.js';
import { judgeAnswer, type EvalJudge, type JudgeVerdict } from './judge.js';
import type { collectGold } from './resolve-gold.js';
import type { CaseCitation, CaseResult, EvalQuestion, ParagraphRef } from './types.js';

type AskResponse = Pick<FinalAnswer, 'answer' | 'refused' | 'mode' | 'language' | 'citations' | 'retrieval'>;

export interface EvalQuestionContext {
  /** The app under test; only `POST /api/ask` is called. */
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> };
  /** The question's gold paragraphs, as `collectGold` resolved them against the index. */
  gold: ReturnType<typeof collectGold>;
  /** The stored paragraphs of a document by number, to check that quotes are verbatim. */
  paragraphsOf: (docId: string) => Promise<Map<number, string> | undefined>;
  judge?: EvalJudge | null;
}

export interface EvaluatedQuestion {
  result: CaseResult;
  /** The answer mode the server reported (`llm`, `extractive`…); undefined when the request failed. */
  servedMode: string | undefined;
  judgement: JudgeVerdict | null;
}

const keyOf = (ref: ParagraphRef) => `${ref.docId}#${ref.paragraph}`;

/** A citation as the evals score it: verbatim only when the quote is the cited slice of the passage and of the stored paragraph. */
export function toCaseCitation(citation: Citation, storedParagraph: string | undefined, retrievedKeys: Set<string>): CaseCitation {
  const verbatim =
    citation.quote.length > 0 &&
    citation.quote === citation.passage.slice(citation.start, citation.end) &&
    storedParagraph !== undefined &&
    storedParagraph.includes(citation.quote);
  return {
    n: citation.n,
    docId: citation.docId,
    paragraph: citation.paragraph,
    quote: citation.quote,
    verbatim,
    retrieved: retrievedKeys.has(keyOf(citation)),
  };
}

/**
 * Asks one question through `POST /api/ask`, timing it, and turns the reply into the case
 * result the metrics score; with a judge, also has the answer judged. An HTTP error becomes a
 * failed case with its status and code. Throws only when the judge or the app throws.
 */
export async function evalQuestion(question: EvalQuestion, context: EvalQuestionContext): Promise<EvaluatedQuestion> {
  const { gold, unresolvedGold, moved } = context.gold;
  const base: CaseResult = {
    id: question.id,
    question: question.question,
    language: question.language,
    type: question.type,
    answerable: question.answerable,
    gold,
    retrieved: [],
    citations: [],
    answer: '',
    refused: false,
    answerLanguage: question.language,
    keyFacts: question.keyFacts,
    latencyMs: 0,
    unresolvedGold,
    ...(moved.length > 0 ? { movedGold: moved } : {}),
  };
  const requestStarted = performance.now();
  const response = await context.app.request('/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: question.question, ...(question.history ? { history: question.history } : {}) }),
  });
  const body = (await response.json()) as AskResponse & { error?: { code: string } };
  const latencyMs = Math.round((performance.now() - requestStarted) * 10) / 10;
  let result: CaseResult;
  let citations: Citation[] = [];
  let servedMode: string | undefined;
  if (!response.ok) {
    result = { ...base, latencyMs, answerLanguage: 'en', error: `HTTP ${response.status} ${body.error?.code ?? ''}`.trim() };
  } else {
    citations = body.citations;
    servedMode = body.mode;
    const retrieved = [...new Map(body.retrieval.passages.map((passage) => [keyOf(passage), { docId: passage.docId, paragraph: passage.paragraph }])).values()];
    const retrievedKeys = new Set(retrieved.map(keyOf));
    const caseCitations = await Promise.all(
      body.citations.map(async (citation) => toCaseCitation(citation, (await context.paragraphsOf(citation.docId))?.get(citation.paragraph), retrievedKeys)),
    );
    result = {
      ...base,
      retrieved,
      citations: caseCitations,
      answer: body.answer,
      refused: body.refused,
      answerLanguage: detectAnswerLanguage(body.answer, question.language) as Language,
      latencyMs,
    };
  }
  const judgement = context.judge
    ? await judgeAnswer(context.judge.model, context.judge.prompts, {
        question: question.question,
        answer: result.answer,
        refused: result.refused || result.error !== undefined,
        citations: citations.map((citation) => ({ n: citation.n, docId: citation.docId, paragraph: citation.paragraph, passage: citation.passage })),
      })
    : null;
  return { result, servedMode, judgement };
}
