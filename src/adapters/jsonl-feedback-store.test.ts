import { execFileSync } from 'node:child_process';
import * as fsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFullDisk } from '../../tests/support/create-full-disk.js';
import type { FeedbackInput, FeedbackRecord } from '../ports.js';
import { createJsonlFeedbackStore } from './jsonl-feedback-store.js';

const input = (messageId: string, comment?: string): FeedbackInput => ({
  messageId,
  rating: 'down',
  question: 'How many GPUs does Japan plan to buy?',
  answer: 'Japan plans to buy 10,000 GPUs [1].',
  citations: [{ n: 1, docId: 'doc-a', paragraph: 2 }],
  ...(comment === undefined ? {} : { comment }),
});

let directory: string;
let filePath: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'feedback-store-'));
  filePath = path.join(directory, 'feedback.jsonl');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function readLines(file = filePath): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

describe('createJsonlFeedbackStore on a full disk', () => {
  it('fails with storage_full:feedback and leaves no torn line; the next append after space returns is whole', async () => {
    const disk = createFullDisk(1_000);
    const store = createJsonlFeedbackStore(filePath, { fileSystem: disk });
    const stored: FeedbackRecord[] = [];
    let failure: unknown;
    for (let index = 0; index < 20 && !failure; index += 1) {
      await store.append(input(`m-${index}`)).then((record) => stored.push(record), (error: unknown) => (failure = error));
    }
    expect(failure).toMatchObject({ code: 'storage_full:feedback', status: 507 });
    expect(stored.length).toBeGreaterThan(0);
    const text = await readFile(filePath, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as FeedbackRecord).id)).toEqual(stored.map((record) => record.id));

    disk.free(10_000);
    const next = await store.append(input('after'));
    const lines = await readLines();
    expect(lines).toHaveLength(stored.length + 1);
    expect((JSON.parse(lines.at(-1)!) as FeedbackRecord).id).toBe(next.id);
  });
});

describe('createJsonlFeedbackStore', () => {
  it('ends a torn last line (a crash mid-write) before appending, so the new record is a line of its own', async () => {
    const store = createJsonlFeedbackStore(filePath);
    const first = await store.append(input('m-1'));
    await writeFile(filePath, '{"id":"torn","messa', { flag: 'a' });
    const second = await store.append(input('m-2'));
    const lines = await readLines();
    expect(lines).toHaveLength(3);
    expect((JSON.parse(lines[0]!) as FeedbackRecord).id).toBe(first.id);
    expect(lines[1]).toBe('{"id":"torn","messa');
    expect((JSON.parse(lines[2]!) as FeedbackRecord).id).toBe(second.id);
  });

  it('escapes U+2028 and U+2029, which Python splitlines() treats as line ends', async () => {
    const comment = 'first\u2028second\u2029third';
    await createJsonlFeedbackStore(filePath).append(input('m-1', comment));
    const text = await readFile(filePath, 'utf8');
    expect(text).not.toMatch(/[\u2028\u2029]/u);
    expect(text).toContain('first\\u2028second\\u2029third');
    // splitlines() also breaks on these; with them escaped it sees the same single line.
    expect(text.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u).filter(Boolean)).toHaveLength(1);
    expect((JSON.parse(text) as FeedbackRecord).comment).toBe(comment);
  });

  it('rotates past maxBytes, keeping keepFiles older files of whole lines', async () => {
    const store = createJsonlFeedbackStore(filePath, { maxBytes: 1_000, keepFiles: 2 });
    const records: FeedbackRecord[] = [];
    for (let index = 0; index < 20; index += 1) records.push(await store.append(input(`m-${index}`)));
    expect((await readdir(directory)).sort()).toEqual(['feedback.jsonl', 'feedback.jsonl.1', 'feedback.jsonl.2']);
    const kept: string[] = [];
    for (const name of ['feedback.jsonl.2', 'feedback.jsonl.1', 'feedback.jsonl']) {
      const text = await readFile(path.join(directory, name), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_000);
      kept.push(...text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as FeedbackRecord).id));
    }
    // The newest records, in order, with nothing missing between them.
    expect(kept).toEqual(records.slice(-kept.length).map((record) => record.id));
    expect(kept.length).toBeGreaterThanOrEqual(6);
  });
});

/** Mounts a tmpfs of `size` when this process may (root in a container that allows it). */
function tryMountTmpfs(mountPoint: string, size: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${((error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message).trim()})`;
  }
}

describe('createJsonlFeedbackStore on a real full tmpfs', () => {
  const mountPoint = path.join(tmpdir(), `feedback-tmpfs-${process.pid}`);
  let skipReason: string | undefined;
  beforeEach(async () => {
    await fsPromises.mkdir(mountPoint, { recursive: true });
    skipReason = tryMountTmpfs(mountPoint, '64k');
  });
  afterEach(async () => {
    if (!skipReason) execFileSync('umount', ['-l', mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('answers storage_full and keeps every stored line whole', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const file = path.join(mountPoint, 'feedback.jsonl');
    const store = createJsonlFeedbackStore(file);
    const stored: FeedbackRecord[] = [];
    let failure: unknown;
    for (let index = 0; index < 1_000 && !failure; index += 1) {
      await store.append(input(`m-${index}`, 'x'.repeat(900))).then((record) => stored.push(record), (error: unknown) => (failure = error));
    }
    expect(failure).toMatchObject({ code: 'storage_full:feedback' });
    const lines = await readLines(file);
    expect(lines.map((line) => (JSON.parse(line) as FeedbackRecord).id)).toEqual(stored.map((record) => record.id));
  });
});
