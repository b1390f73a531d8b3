import * as fsPromises from 'node:fs/promises';
import type { FeedbackFileSystem } from '../../src/adapters/jsonl-feedback-store.js';

/**
 * The real file system with `freeBytes` of room left: a write that does not fit writes what
 * fits and reports it (a short write), and the next one fails with ENOSPC, as write(2) does.
 */
export function createFullDisk(freeBytes: number): FeedbackFileSystem & { free: (bytes: number) => void } {
  let free = freeBytes;
  const open = async (...args: Parameters<typeof fsPromises.open>) => {
    const handle = await fsPromises.open(...args);
    const write = async (buffer: Buffer, offset = 0, length = buffer.length - offset) => {
      const fits = Math.min(length, free);
      if (fits === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      free -= fits;
      return handle.write(buffer, offset, fits);
    };
    return new Proxy(handle, {
      get: (target, key) => {
        if (key === 'write') return write;
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...values: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { ...fsPromises, open, free: (bytes) => (free += bytes) };
}
