import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const answerSchema = z.looseObject({ text: z.string(), answer_start: z.number().int().optional() });

const qaSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  question: z.string(),
  answers: z.array(answerSchema).default([]),
  is_impossible: z.boolean().optional(),
});

const squadSchema = z.looseObject({
  version: z.string().optional(),
  data: z
    .array(
      z.looseObject({
        title: z.string().optional(),
        id: z.union([z.string(), z.number().transform(String)]).optional(),
        paragraphs: z.array(z.looseObject({ context: z.string().min(1), qas: z.array(qaSchema) })).min(1),
      }),
    )
    .min(1),
});

export interface SquadQuestion {
  id: string;
  question: string;
  /** Distinct, non-empty gold answer texts; empty for an unanswerable question. */
  answers: string[];
  answerable: boolean;
  articleIndex: number;
  paragraphIndex: number;
}

export interface SquadArticle {
  title: string;
  paragraphs: string[];
}

export interface SquadDataset {
  articles: SquadArticle[];
  questions: SquadQuestion[];
  /** Questions left out, with why: an empty question, or answerable with no answer text. */
  skipped: Array<{ id: string; reason: string }>;
}

/**
 * Parses a SQuAD v1.1/v2.0 JSON value (`{ data: [{ title, paragraphs: [{ context, qas }] }] }`).
 * Questions with an empty text, or marked answerable but with no non-empty answer, are listed in
 * `skipped` rather than scored. Throws an Error naming `source` and the first invalid field
 * (e.g. `data[3].paragraphs[0].qas[2].question`), or a duplicate question id.
 */
export function parseSquadDataset(value: unknown, source: string): SquadDataset {
  const parsed = squadSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./u, '');
    throw new Error(`${source}: not a SQuAD-format file: ${where || '(root)'}: ${issue.message}`);
  }
  const articles: SquadArticle[] = [];
  const questions: SquadQuestion[] = [];
  const skipped: SquadDataset['skipped'] = [];
  const seen = new Set<string>();
  parsed.data.data.forEach((article, articleIndex) => {
    articles.push({ title: article.title?.trim() || article.id || `article ${articleIndex + 1}`, paragraphs: article.paragraphs.map((paragraph) => paragraph.context) });
    article.paragraphs.forEach((paragraph, paragraphIndex) => {
      for (const qa of paragraph.qas) {
        if (seen.has(qa.id)) throw new Error(`${source}: duplicate question id ${qa.id}`);
        seen.add(qa.id);
        const answerable = qa.is_impossible !== true;
        const answers = answerable ? [...new Set(qa.answers.map((answer) => answer.text.trim()).filter(Boolean))] : [];
        if (!qa.question.trim()) skipped.push({ id: qa.id, reason: 'empty question' });
        else if (answerable && answers.length === 0) skipped.push({ id: qa.id, reason: 'answerable but no answer text' });
        else questions.push({ id: qa.id, question: qa.question.trim(), answers, answerable, articleIndex, paragraphIndex });
      }
    });
  });
  return { articles, questions, skipped };
}

/** Reads and parses a SQuAD-format file. Throws on an unreadable file, invalid JSON or an invalid layout. */
export async function loadSquadDataset(filePath: string): Promise<SquadDataset> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(filePath, 'utf8'));
  } catch (error) {
    throw new Error(`${filePath}: ${(error as Error).message}`, { cause: error });
  }
  return parseSquadDataset(value, filePath);
}
