import type { Logger } from '../ports.js';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

/**
 * A structured logger: one JSON object per line on stdout (stderr for warnings and errors),
 * with the event name, a timestamp and the given fields.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string, isError: boolean) => void): Logger {
  const threshold = levels[level];
  const output = write ?? ((line: string, isError: boolean) => (isError ? process.stderr : process.stdout).write(`${line}\n`));
  const emit = (eventLevel: Exclude<LogLevel, 'silent'>) => (event: string, fields: Record<string, unknown> = {}) => {
    if (levels[eventLevel] < threshold) return;
    output(JSON.stringify({ time: new Date().toISOString(), level: eventLevel, event, ...fields }), levels[eventLevel] >= levels.warn);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
