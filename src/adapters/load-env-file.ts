import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Reads a dotenv file (`NAME=value` lines, as `.env.example` shows) into `environment`.
 * A variable already in the environment wins, even when empty; a missing file is no error.
 * Returns the names it set.
 */
export function loadEnvFile(filePath: string, environment: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (name in environment) continue;
    environment[name] = value;
    applied.push(name);
  }
  return applied;
}
