import { hashChatRequest } from './hash-chat-request.js';
import { hashedDescription, type Recording, type RecordingDir } from './open-recording-dir.js';

export interface WrittenReply {
  hash: string;
  /** The reply exactly as the model wrote it (one trailing newline, a file's end, is dropped). */
  text: string;
  /** Who wrote it, e.g. the writing model's name. */
  answeredBy: string;
  /** How it came to be, e.g. "written by another model from the recorded request; no API reachable". */
  label: string;
  now?: Date;
}

/**
 * Turns a reply another model wrote for a pending request (`pending/<hash>.request.json`) into
 * the recording of that request, labelled `written-by-model` with who wrote it, how and when.
 * The text is stored as given: this never writes or alters reply text.
 *
 * Throws when there is no pending request for `hash`, when a usable recording already exists,
 * when the text is empty, or when the model or label is missing.
 */
export async function addWrittenReply(recordings: RecordingDir, reply: WrittenReply): Promise<Recording> {
  if (!reply.answeredBy.trim()) throw new Error('--model: say who wrote the reply');
  if (!reply.label.trim()) throw new Error('--label: say how the reply was written');
  const pending = await recordings.readPending(reply.hash);
  if (!pending) throw new Error(`no pending request ${reply.hash} in ${recordings.dir}/pending/ (run npm run eval -- --record-pending ${recordings.dir})`);
  if (hashChatRequest(pending.request) !== reply.hash) throw new Error(`pending request ${reply.hash} does not hash to its name; run --record-pending again`);
  const existing = await recordings.read(reply.hash).catch(() => undefined);
  if (existing) throw new Error(`${reply.hash} is already recorded (${existing.source}, ${existing.answeredBy}); a recording is never replaced by hand`);
  const content = reply.text.replace(/\r?\n$/u, '');
  if (!content.trim()) throw new Error('the reply text is empty');
  const recording: Recording = {
    version: 1,
    hash: reply.hash,
    hashed: hashedDescription,
    model: String(pending.request.model),
    answeredBy: reply.answeredBy.trim(),
    recordedAt: (reply.now ?? new Date()).toISOString(),
    source: 'written-by-model',
    label: reply.label.trim(),
    request: pending.request,
    reply: { content, finishReason: 'stop', usage: null },
  };
  await recordings.write(recording);
  return recording;
}
