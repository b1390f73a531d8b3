import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/app-error.js';
import { parsePrompt, type Prompt } from '../core/parse-prompt.js';

/** Loads `prompts/<name>.md` and parses its front matter. Throws AppError `unavailable:prompt`. */
export async function loadPrompt(name: string, directory = path.resolve('prompts')): Promise<Prompt> {
  let text: string;
  try {
    text = await readFile(path.join(directory, `${name}.md`), 'utf8');
  } catch (error) {
    throw new AppError('unavailable:prompt', `Prompt "${name}" could not be read from ${directory}`, { cause: error });
  }
  return parsePrompt(text, name);
}

export async function loadAnswerPrompts(directory?: string): Promise<{ answer: Prompt; resolve: Prompt }> {
  const [answer, resolve] = await Promise.all([loadPrompt('answer-system', directory), loadPrompt('resolve-question', directory)]);
  return { answer, resolve };
}
