import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/app-error.js';
import { verifySlackSignature } from './verify-slack-signature.js';

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyz&team_id=T1&command=%2Fask&text=hello';
const now = 1_700_000_000_000;
const timestamp = String(now / 1000);
const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

async function outcome(input: Partial<Parameters<typeof verifySlackSignature>[0]>): Promise<string> {
  try {
    await verifySlackSignature({ signingSecret, signature, timestamp, body, now, ...input });
    return 'ok';
  } catch (error) {
    return isAppError(error) ? `${error.status} ${error.message}` : String(error);
  }
}

describe('verifySlackSignature', () => {
  it.each([
    ['a good signature', {}, 'ok'],
    ['an upper-case hex signature', { signature: signature.toUpperCase().replace('V0=', 'v0=') }, 'ok'],
    ['a timestamp 4 minutes old', { now: now + 240_000 }, 'ok'],
    ['a changed body', { body: `${body}x` }, '401 Invalid Slack signature.'],
    ['another secret', { signingSecret: 'other' }, '401 Invalid Slack signature.'],
    ['a truncated signature', { signature: signature.slice(0, -2) }, '401 Invalid Slack signature.'],
    ['another version', { signature: signature.replace('v0=', 'v1=') }, '401 Invalid Slack signature.'],
    ['no signature', { signature: undefined }, '401 Missing Slack signature.'],
    ['no timestamp', { timestamp: undefined }, '401 Missing Slack signature.'],
    ['a timestamp 6 minutes old', { now: now + 360_000 }, '401 Stale or invalid Slack request timestamp.'],
    ['a timestamp 6 minutes ahead', { now: now - 360_000 }, '401 Stale or invalid Slack request timestamp.'],
    ['a timestamp that is not a number', { timestamp: '17e8' }, '401 Stale or invalid Slack request timestamp.'],
  ])('%s → %s', async (_name, input, expected) => {
    expect(await outcome(input)).toBe(expected);
  });
});
