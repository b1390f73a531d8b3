import { describe, expect, it } from 'vitest';
import { readChatReply } from './read-chat-reply.js';

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta, finish_reason: finish }] });
const usage = { prompt_tokens: 812, completion_tokens: 35, total_tokens: 847, prompt_tokens_details: { cached_tokens: 0 } };

describe('readChatReply', () => {
  it('joins an OpenAI stream, taking the usage from its last, choice-less chunk', () => {
    const body = [
      frame(chunk({ role: 'assistant', content: '' })),
      frame(chunk({ content: '軟銀出資' })),
      frame(chunk({ content: '5億美元[1]。' })),
      frame(chunk({}, 'stop')),
      frame({ model: 'gpt-4o-mini-2024-07-18', choices: [], usage }),
      'data: [DONE]\n\n',
    ].join('');
    expect(readChatReply(body, true)).toEqual({
      content: '軟銀出資5億美元[1]。',
      finishReason: 'stop',
      usage: { prompt_tokens: 812, completion_tokens: 35, total_tokens: 847 },
      answeredBy: 'gpt-4o-mini-2024-07-18',
    });
  });

  it('reads one JSON completion', () => {
    const body = JSON.stringify({ model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'Who owns Arm?' }, finish_reason: 'length' }], usage });
    expect(readChatReply(body, false)).toMatchObject({ content: 'Who owns Arm?', finishReason: 'length', answeredBy: 'm' });
  });

  it.each([
    ['a stream with no finish reason', [frame(chunk({ content: 'half' }))].join(''), true, /no finish_reason/u],
    ['a body with no choice', JSON.stringify({ model: 'm', choices: [] }), false, /no choice/u],
    ['a tool call', frame(chunk({ tool_calls: [{ index: 0 }] }, 'tool_calls')), true, /calls a tool/u],
  ])('throws for %s', (_name, body, streamed, message) => {
    expect(() => readChatReply(body, streamed)).toThrow(message);
  });
});
