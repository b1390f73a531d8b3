import { z } from 'zod';
import { languages, questionTypes, type EvalQuestion } from './types.js';

const goldSchema = z.strictObject({
  docId: z.string().regex(/^\d{3}_[0-9a-f]+$/u),
  anchor: z.string().min(2),
  paragraph: z.union([z.number().int().positive(), z.array(z.number().int().positive()).min(2), z.null()]),
});

const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'kebab-case id'),
    question: z.string().min(2),
    language: z.enum(languages),
    type: z.enum(questionTypes),
    answerable: z.boolean(),
    gold: z.array(goldSchema),
    keyFacts: z.array(z.string().min(1)),
    history: z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string().min(1) })).optional(),
    notes: z.string().optional(),
  })
  .refine((question) => question.answerable === question.gold.length > 0, {
    message: 'answerable questions need gold anchors and unanswerable ones must have none',
  })
  .refine((question) => question.answerable || question.keyFacts.length === 0, {
    message: 'unanswerable questions have no key facts',
  })
  .refine((question) => question.type !== 'follow-up' || (question.history?.length ?? 0) > 0, {
    message: 'follow-up questions need a history',
  });

/**
 * Parses `questions.jsonl`: one question per non-blank line.
 * Throws an Error naming the line on invalid JSON, a schema violation or a duplicate id.
 */
export function parseQuestions(jsonl: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`questions.jsonl line ${index + 1}: invalid JSON (${(error as Error).message})`);
    }
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(question)'}: ${issue.message}`);
      throw new Error(`questions.jsonl line ${index + 1}: ${issues.join('; ')}`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`questions.jsonl line ${index + 1}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    questions.push(parsed.data as EvalQuestion);
  });
  return questions;
}

/** Writes questions back as JSONL with a stable key order, one question per line. */
export function serializeQuestions(questions: EvalQuestion[]): string {
  return questions
    .map((question) =>
      JSON.stringify({
        id: question.id,
        question: question.question,
        language: question.language,
        type: question.type,
        answerable: question.answerable,
        gold: question.gold.map((gold) => ({ docId: gold.docId, anchor: gold.anchor, paragraph: gold.paragraph })),
        keyFacts: question.keyFacts,
        ...(question.history ? { history: question.history } : {}),
        ...(question.notes ? { notes: question.notes } : {}),
      }),
    )
    .join('\n')
    .concat('\n');
}
