import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashChatRequest } from './hash-chat-request.js';

const request = {
  model: 'gpt-4o-mini',
  max_tokens: 800,
  temperature: 0,
  messages: [
    { role: 'system', content: 'Answer from the passages.' },
    { role: 'user', content: 'How much did SoftBank invest in OpenAI?' },
  ],
};

describe('hashChatRequest', () => {
  it('is the SHA-256 of the canonical JSON of the body (pinned, so recordings stay findable)', () => {
    const canonical =
      '{"max_tokens":800,"messages":[{"content":"Answer from the passages.","role":"system"},{"content":"How much did SoftBank invest in OpenAI?","role":"user"}],"model":"gpt-4o-mini","temperature":0}';
    expect(canonicalJson(request)).toBe(canonical);
    expect(hashChatRequest(request)).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(hashChatRequest(request)).toBe('a847ab64c071914a1c68e30aa97270ab56e752308c1d1e339e0ab71914edf73f');
  });

  it.each<[string, Record<string, unknown>]>([
    ['the same body again', structuredClone(request)],
    ['keys in another order at every depth', {
      messages: request.messages.map((message) => ({ content: message.content, role: message.role })),
      temperature: 0,
      model: 'gpt-4o-mini',
      max_tokens: 800,
    }],
    ['the streamed form of it', { ...request, stream: true, stream_options: { include_usage: true } }],
    ['an undefined member', { ...request, seed: undefined }],
  ])('keeps the hash for %s', (_name, same) => {
    expect(hashChatRequest(same)).toBe(hashChatRequest(request));
  });

  it.each<[string, Record<string, unknown>]>([
    ['another model', { ...request, model: 'gpt-4o' }],
    ['another system prompt', { ...request, messages: [{ role: 'system', content: 'Answer briefly.' }, request.messages[1]] }],
    ['one character more in the question', { ...request, messages: [request.messages[0], { role: 'user', content: 'How much did SoftBank invest in OpenAI??' }] }],
    ['a message role changed', { ...request, messages: [request.messages[0], { role: 'assistant', content: request.messages[1]!.content }] }],
    ['messages reordered', { ...request, messages: [...request.messages].reverse() }],
    ['another max_tokens', { ...request, max_tokens: 120 }],
    ['another temperature', { ...request, temperature: 0.2 }],
    ['a setting added', { ...request, seed: 1 }],
    ['a number sent as a string', { ...request, max_tokens: '800' }],
  ])('changes the hash for %s', (_name, other) => {
    expect(hashChatRequest(other)).not.toBe(hashChatRequest(request));
  });
});
