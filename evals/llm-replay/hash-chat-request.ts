import { createHash } from 'node:crypto';

/** Body fields that only choose how the reply travels (SSE or one JSON), not what it says. */
export const transportFields = ['stream', 'stream_options'] as const;

/**
 * JSON with object keys sorted at every depth and no whitespace, so that two bodies that mean
 * the same request serialise alike whatever order the client wrote the keys in. Array order is
 * kept (message order matters). `undefined` members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The request as it is hashed and stored: the whole Chat Completions body minus the transport fields. */
export function hashedPartOf(body: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...body };
  for (const field of transportFields) delete kept[field];
  return kept;
}

/**
 * The recording key of one Chat Completions request: the SHA-256 (hex) of the canonical JSON of
 * its body without `stream` and `stream_options`. Everything else counts: the model, every
 * message (role and content), and every setting the client sent (`max_tokens`, `temperature`,
 * `top_p`, `seed`, `response_format`…). So a streamed answer and the same request sent as one
 * JSON reply share a recording, and any change to the prompt, the model or a setting misses.
 *
 * @example hashChatRequest({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
 */
export function hashChatRequest(body: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(hashedPartOf(body))).digest('hex');
}
