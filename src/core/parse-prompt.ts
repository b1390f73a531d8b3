import { AppError } from './app-error.js';

export interface Prompt {
  name: string;
  version: string;
  text: string;
}

/**
 * Parses a prompt file: a `---` front matter block with `name:` and `version:`, then the text.
 * Throws AppError `unavailable:prompt` when the front matter is missing or incomplete.
 */
export function parsePrompt(fileText: string, fallbackName: string): Prompt {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(fileText);
  if (!match) throw new AppError('unavailable:prompt', `Prompt "${fallbackName}" has no front matter with a version`);
  const fields = Object.fromEntries(
    match[1]!.split(/\r?\n/).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    }),
  );
  if (!fields.version) throw new AppError('unavailable:prompt', `Prompt "${fallbackName}" has no version`);
  return { name: fields.name || fallbackName, version: String(fields.version), text: match[2]!.trim() };
}
