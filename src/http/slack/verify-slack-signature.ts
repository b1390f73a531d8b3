import { AppError } from '../../core/app-error.js';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(signingSecret: string): Promise<CryptoKey> {
  let key = keys.get(signingSecret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keys.set(signingSecret, key);
  }
  return key;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export interface SlackSignatureInput {
  signingSecret: string;
  /** The `X-Slack-Signature` header: `v0=<hex HMAC-SHA256>`. */
  signature: string | undefined;
  /** The `X-Slack-Request-Timestamp` header, in Unix seconds. */
  timestamp: string | undefined;
  /** The raw request body, exactly as received. */
  body: string;
  /** Milliseconds since the epoch; defaults to Date.now(). */
  now?: number;
  toleranceSeconds?: number;
}

/**
 * Verifies a Slack request signature: HMAC-SHA256 over `v0:{timestamp}:{body}` with the
 * signing secret, with a timestamp within five minutes of now. Uses Web Crypto, so it runs on
 * Node and Workers alike; `crypto.subtle.verify` compares in constant time.
 * Throws AppError `unauthorized:slack` when the signature is missing, malformed, stale or wrong.
 */
export async function verifySlackSignature(input: SlackSignatureInput): Promise<void> {
  const { signature, timestamp, body, toleranceSeconds = 300 } = input;
  if (!signature || !timestamp) throw new AppError('unauthorized:slack', 'Missing Slack signature.');
  const nowSeconds = (input.now ?? Date.now()) / 1_000;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    throw new AppError('unauthorized:slack', 'Stale or invalid Slack request timestamp.');
  }
  const match = /^v0=([0-9a-f]{64})$/i.exec(signature);
  if (!match) throw new AppError('unauthorized:slack', 'Invalid Slack signature.');
  const valid = await crypto.subtle.verify('HMAC', await importKey(input.signingSecret), hexToBytes(match[1]!.toLowerCase()), encoder.encode(`v0:${timestamp}:${body}`));
  if (!valid) throw new AppError('unauthorized:slack', 'Invalid Slack signature.');
}
