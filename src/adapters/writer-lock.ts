import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { AppError } from '../core/app-error.js';

export const writerLockFileName = 'writer.lock';

export interface WriterLock {
  /** The lock file; removed by `release`. */
  readonly path: string;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/**
 * Takes the exclusive writer lock of a DATA_DIR: `<dataDir>/writer.lock`, created with O_EXCL
 * and holding the owner's pid, host and start time. A lock whose owner is gone (same host, pid
 * no longer running: a kill -9) is stale and taken over. A live owner is waited for, polling
 * every `pollMs`, for up to `timeoutMs`; then it throws AppError `unavailable:writer_lock`
 * naming the owner. Release it in a `finally`.
 */
export async function acquireWriterLock(
  dataDir: string,
  options: { timeoutMs: number; pollMs?: number; command?: string; onWait?: (owner: string) => void },
): Promise<WriterLock> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, writerLockFileName);
  const deadline = Date.now() + options.timeoutMs;
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command: options.command ?? process.argv.slice(1).join(' ') };
  let announced = false;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.sync();
      await handle.close();
      return { path: lockPath, release: () => releaseIfOwned(lockPath) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(lockPath);
    if (owner === undefined) continue; // released between our attempt and the read
    if (owner === 'unreadable' || (owner !== 'being-written' && isStale(owner)) || (owner === 'being-written' && (await ageMs(lockPath)) > 2_000)) {
      // A crashed writer (or one killed while writing the file) left it: take it over. Removing
      // and re-creating with O_EXCL means two processes doing this at once cannot both win.
      await rm(lockPath, { force: true });
      continue;
    }
    const description = owner === 'being-written' ? 'a writer that is just starting' : `pid ${owner.pid} on ${owner.host} since ${owner.startedAt} (${owner.command})`;
    if (Date.now() >= deadline) {
      throw new AppError(
        'unavailable:writer_lock',
        `Another writer holds ${lockPath}: ${description}. Wait for it to finish, or remove the file if that process is gone.`,
      );
    }
    if (!announced) options.onWait?.(description);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now()))));
  }
}

async function ageMs(lockPath: string): Promise<number> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return 0;
  }
}

/** The lock's owner; undefined when there is no lock file; `being-written` while it is empty. */
async function readOwner(lockPath: string): Promise<LockOwner | 'unreadable' | 'being-written' | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : 'unreadable';
  } catch {
    // A new owner writes the file right after creating it; one killed in between leaves it empty.
    return text === '' ? 'being-written' : 'unreadable';
  }
}

function isStale(owner: LockOwner): boolean {
  // Another host's pid cannot be checked from here; such a lock waits for its timeout.
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function releaseIfOwned(lockPath: string): Promise<void> {
  const owner = await readOwner(lockPath);
  if (typeof owner === 'object' && owner.pid === process.pid && owner.host === hostname()) await rm(lockPath, { force: true });
}
