import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireWriterLock, writerLockFileName } from './writer-lock.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cited-lock-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** The pid of a process that has exited, so it cannot hold a lock any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('acquireWriterLock', () => {
  it('writes the owner, refuses a second writer after the timeout, and lets it in once released', async () => {
    const first = await acquireWriterLock(dataDir, { timeoutMs: 0, command: 'first' });
    expect(JSON.parse(await readFile(first.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), command: 'first' });
    // Same pid counts as live: a second writer in this process must wait too.
    await expect(acquireWriterLock(dataDir, { timeoutMs: 300, pollMs: 50 })).rejects.toThrow(/Another writer holds .*writer\.lock: pid \d+/);
    const waiting = acquireWriterLock(dataDir, { timeoutMs: 5_000, pollMs: 20 });
    setTimeout(() => void first.release(), 100);
    const second = await waiting;
    await second.release();
  });

  it('takes over a stale lock left by a killed writer', async () => {
    await writeFile(path.join(dataDir, writerLockFileName), JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2020-01-01', command: 'killed' }));
    const lock = await acquireWriterLock(dataDir, { timeoutMs: 0 });
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });
});
