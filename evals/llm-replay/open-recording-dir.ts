import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashChatRequest } from './hash-chat-request.js';

/** What every recording says was hashed; the README's "Record and replay LLM answers" explains it. */
export const hashedDescription = 'sha256 of the canonical JSON (keys sorted, no whitespace) of the Chat Completions request body without stream and stream_options';

const usageSchema = z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() });

const replySchema = z.object({
  content: z.string(),
  finishReason: z.string(),
  /** The token counts the API reported; null when a model wrote the reply without an API. */
  usage: usageSchema.nullable(),
});

const recordingSchema = z.object({
  version: z.literal(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/u),
  hashed: z.string(),
  /** The model the request asked for (`request.model`). */
  model: z.string(),
  /** The model that wrote the reply: the one the API reported, or who wrote it without an API. */
  answeredBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
  /** `api`: the configured endpoint answered. `written-by-model`: another model wrote it from the request alone. */
  source: z.enum(['api', 'written-by-model']),
  /** Required for `written-by-model`: how the reply came to be. */
  label: z.string().min(1).nullable(),
  request: z.record(z.string(), z.unknown()),
  reply: replySchema,
});

const pendingSchema = z.object({
  version: z.literal(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/u),
  /** Eval questions whose run sent this request. */
  questionIds: z.array(z.string()),
  /**
   * Every question that sent it had already missed an earlier request (a follow-up's rewrite),
   * so this request is likely to change once that one is recorded: write the earlier one first.
   */
  afterEarlierMiss: z.boolean(),
  foundAt: z.iso.datetime(),
  request: z.record(z.string(), z.unknown()),
});

export type ChatReply = z.infer<typeof replySchema>;
export type Recording = z.infer<typeof recordingSchema>;
export type PendingRequest = z.infer<typeof pendingSchema>;

/** The settings that shape the requests the server sends; a recording set keeps the ones it was made with. */
export const requestSettingNames = ['LLM_MODEL', 'LLM_MAX_OUTPUT_TOKENS', 'TOP_K', 'SCORE_FLOOR', 'VECTOR_SCORE_FLOOR'] as const;
export type RequestSettings = Partial<Record<(typeof requestSettingNames)[number], string>>;
const settingsSchema = z.object(Object.fromEntries(requestSettingNames.map((name) => [name, z.string().optional()]))).strict();

export interface RecordingDir {
  dir: string;
  /** The recording for `hash`, or undefined when there is none. Throws when the file is malformed or its request does not hash to its name. */
  read(hash: string): Promise<Recording | undefined>;
  /** Writes `<dir>/<hash>.json` (replacing an older recording of the same request) and drops its pending file. */
  write(recording: Recording): Promise<void>;
  readPending(hash: string): Promise<PendingRequest | undefined>;
  /** Replaces everything in `<dir>/pending/` with these requests. */
  replacePending(pending: PendingRequest[]): Promise<void>;
  listPending(): Promise<PendingRequest[]>;
  /** The hashes of the recordings in the folder, sorted. */
  listRecorded(): Promise<string[]>;
  /** Deletes the recording for `hash`. */
  remove(hash: string): Promise<void>;
  readSettings(): Promise<RequestSettings | undefined>;
  writeSettings(settings: RequestSettings): Promise<void>;
}

const hashPattern = /^[0-9a-f]{64}$/u;

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** Writes through a temporary file so that an interrupted run never leaves half a recording. */
async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}-${randomUUID()}.partial`;
  await writeFile(partial, `${JSON.stringify(value, null, 2)}\n`);
  await rename(partial, file);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${file}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return result.data;
}

function checkHash(hash: string): void {
  if (!hashPattern.test(hash)) throw new Error(`not a request hash: ${JSON.stringify(hash)} (64 lowercase hex digits)`);
}

/**
 * A folder of recorded LLM replies: `<hash>.json` per request, `pending/<hash>.request.json` per
 * request still waiting for a reply, and `settings.json` with the request-shaping settings the set
 * was made with.
 */
export function openRecordingDir(dir: string): RecordingDir {
  const recordingPath = (hash: string) => path.join(dir, `${hash}.json`);
  const pendingDir = path.join(dir, 'pending');
  const pendingPath = (hash: string) => path.join(pendingDir, `${hash}.request.json`);
  const settingsPath = path.join(dir, 'settings.json');
  const readPending = async (hash: string) => {
    checkHash(hash);
    const value = await readJson(pendingPath(hash));
    return value === undefined ? undefined : parseWith(pendingSchema, value, pendingPath(hash));
  };

  return {
    dir,
    async read(hash) {
      checkHash(hash);
      const file = recordingPath(hash);
      const value = await readJson(file);
      if (value === undefined) return undefined;
      const recording = parseWith(recordingSchema, value, file);
      const actual = hashChatRequest(recording.request);
      if (recording.hash !== hash || actual !== hash) throw new Error(`${file}: its request hashes to ${actual}, not to its name; the file was altered`);
      return recording;
    },
    async write(recording) {
      parseWith(recordingSchema, recording, recordingPath(recording.hash));
      if (hashChatRequest(recording.request) !== recording.hash) throw new Error(`recording ${recording.hash}: its request does not hash to it`);
      if (recording.source === 'written-by-model' && !recording.label) throw new Error(`recording ${recording.hash}: a reply written by a model needs a label`);
      await writeJson(recordingPath(recording.hash), recording);
      await rm(pendingPath(recording.hash), { force: true });
    },
    readPending,
    async replacePending(pending) {
      await rm(pendingDir, { recursive: true, force: true });
      for (const request of pending) await writeJson(pendingPath(request.hash), parseWith(pendingSchema, request, pendingPath(request.hash)));
    },
    async listPending() {
      let names: string[];
      try {
        names = await readdir(pendingDir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const hashes = names.filter((name) => name.endsWith('.request.json')).map((name) => name.slice(0, -'.request.json'.length)).sort();
      return Promise.all(hashes.map(async (hash) => (await readPending(hash))!));
    },
    async listRecorded() {
      return (await readdir(dir)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).filter((hash) => hashPattern.test(hash)).sort();
    },
    async remove(hash) {
      checkHash(hash);
      await rm(recordingPath(hash));
    },
    async readSettings() {
      const value = await readJson(settingsPath);
      return value === undefined ? undefined : (parseWith(settingsSchema, value, settingsPath) as RequestSettings);
    },
    async writeSettings(settings) {
      await writeJson(settingsPath, parseWith(settingsSchema, settings, settingsPath));
    },
  };
}
