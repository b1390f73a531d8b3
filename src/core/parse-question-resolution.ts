import { renderingLanguageNames, type RenderingLanguage } from './build-prompt.js';

export interface QuestionResolution {
  /** The latest turn rewritten to stand alone, in the asker's language. */
  standalone: string;
  /** The standalone question in the other languages the sources are written in. */
  renderings: Array<{ language: RenderingLanguage; text: string }>;
}

/**
 * Reads the resolve-question prompt's reply: one JSON object, possibly inside a Markdown code
 * fence or after a stray sentence. Renderings in languages that were not asked for, and empty
 * or over-long strings, are dropped. Throws an Error naming what is wrong when the reply has no
 * JSON object or no usable `standalone` question.
 *
 * @example parseQuestionResolution('{"standalone":"And Korea?","renderings":{"Chinese":"韓國呢？"}}', ['zh'], 2000)
 */
export function parseQuestionResolution(reply: string, asked: RenderingLanguage[], maxLength: number): QuestionResolution {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('the reply holds no JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.slice(start, end + 1));
  } catch (error) {
    throw new Error(`the reply is not valid JSON: ${(error as Error).message}`);
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const standalone = typeof record.standalone === 'string' ? record.standalone.trim() : '';
  if (!standalone || standalone.length > maxLength) throw new Error('the reply has no usable "standalone" question');
  const given = typeof record.renderings === 'object' && record.renderings !== null ? (record.renderings as Record<string, unknown>) : {};
  const renderings: QuestionResolution['renderings'] = [];
  for (const language of asked) {
    const name = renderingLanguageNames[language];
    const key = Object.keys(given).find((candidate) => [name.toLowerCase(), language].includes(candidate.toLowerCase()));
    const text = key !== undefined && typeof given[key] === 'string' ? (given[key] as string).trim() : '';
    if (text && text.length <= maxLength && text !== standalone) renderings.push({ language, text });
  }
  return { standalone, renderings };
}
