import type { ChatReply } from './open-recording-dir.js';

interface ChoicePart {
  delta?: { content?: string | null; tool_calls?: unknown };
  message?: { content?: string | null; tool_calls?: unknown };
  finish_reason?: string | null;
}

interface CompletionPart {
  model?: string;
  choices?: ChoicePart[];
  usage?: ChatReply['usage'] & Record<string, unknown>;
}

function usageOf(part: CompletionPart): ChatReply['usage'] {
  const usage = part.usage;
  if (!usage || typeof usage.prompt_tokens !== 'number') return null;
  return { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens };
}

/**
 * The reply of an OpenAI-compatible Chat Completions call, from the raw response body: one JSON
 * `chat.completion`, or the SSE `chat.completion.chunk` frames of a streamed one joined back
 * together. Also returns the model the server says answered.
 *
 * Throws when the body holds no choice, a tool call (the server never asks for tools), or no
 * finish reason (a stream cut short).
 */
export function readChatReply(body: string, streamed: boolean): ChatReply & { answeredBy: string | null } {
  const parts: CompletionPart[] = streamed
    ? body
        .split(/\r?\n/u)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).trim())
        .filter((data) => data !== '' && data !== '[DONE]')
        .map((data) => JSON.parse(data) as CompletionPart)
    : [JSON.parse(body) as CompletionPart];
  let content = '';
  let finishReason: string | null = null;
  let usage: ChatReply['usage'] = null;
  let answeredBy: string | null = null;
  let choices = 0;
  for (const part of parts) {
    answeredBy = part.model ?? answeredBy;
    usage = usageOf(part) ?? usage;
    const choice = part.choices?.[0];
    if (!choice) continue;
    choices += 1;
    const message = streamed ? choice.delta : choice.message;
    if (message?.tool_calls) throw new Error('the reply calls a tool; only text replies can be recorded');
    content += message?.content ?? '';
    finishReason = choice.finish_reason ?? finishReason;
  }
  if (choices === 0) throw new Error('the reply holds no choice');
  if (finishReason === null) throw new Error('the reply has no finish_reason (cut short?)');
  return { content, finishReason, usage, answeredBy };
}
