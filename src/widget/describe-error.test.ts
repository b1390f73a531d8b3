import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';
import { labels } from './labels.js';

function apiCallError(statusCode: number, responseBody = ''): Error {
  return Object.assign(new Error(responseBody || 'Failed to fetch the chat response.'), { name: 'AI_APICallError', statusCode, responseBody });
}

describe('describeError', () => {
  const networkError = new TypeError('Failed to fetch');
  it.each([
    ['a failed fetch', networkError, true, 'network', labels.en.network],
    ['a failed fetch while offline', networkError, false, 'offline', labels.en.offline],
    ['403 from the origin gate', apiCallError(403, JSON.stringify({ error: { code: 'forbidden:origin', message: 'This origin is not allowed.' } })), true, 'forbidden', labels.en.forbidden],
    ['429', apiCallError(429, JSON.stringify({ error: { code: 'rate_limited:chat', message: 'Too many.' } })), true, 'rate-limited', labels.en.rateLimited],
    ['500', apiCallError(500, 'Internal Server Error'), true, 'server', labels.en.serverError],
    ['503 from a proxy', apiCallError(503, '<html>Service Unavailable</html>'), true, 'server', labels.en.serverError],
    ['400', apiCallError(400, JSON.stringify({ error: { code: 'bad_request:chat', message: 'messages: too long' } })), true, 'failed', labels.en.failed],
  ])('%s', (_name, error, online, kind, text) => {
    expect(describeError(error, labels.en, online)).toMatchObject({ kind, text });
  });

  it('gives each kind its own message in every language', () => {
    for (const language of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      const texts = [networkError, apiCallError(403), apiCallError(429), apiCallError(500)].map((error) => describeError(error, labels[language], true).text);
      expect(new Set(texts).size).toBe(4);
    }
  });

  it('keeps the server words for a refusal and a bad request, not for a server error', () => {
    expect(describeError(apiCallError(403, JSON.stringify({ error: { code: 'forbidden:origin', message: 'Not on the list.' } })), labels.en, true).detail).toBe('Not on the list.');
    expect(describeError(apiCallError(400, JSON.stringify({ error: { code: 'bad_request:chat', message: 'messages: too long' } })), labels.en, true).detail).toBe('messages: too long');
    expect(describeError(apiCallError(500, JSON.stringify({ error: { code: 'internal', message: 'Internal error' } })), labels.en, true).detail).toBeUndefined();
  });
});
