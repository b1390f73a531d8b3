export interface TtlCache<Value> {
  get(key: string): Value | undefined;
  has(key: string): boolean;
  set(key: string, value: Value): void;
  readonly size: number;
}

/**
 * An in-memory map whose entries expire after `ttlMs` and which holds at most `maxEntries`
 * (the oldest go first). Expired entries are swept on each write.
 */
export function createTtlCache<Value>(options: { ttlMs: number; maxEntries: number; now?: () => number }): TtlCache<Value> {
  const { ttlMs, maxEntries, now = Date.now } = options;
  const entries = new Map<string, { value: Value; expires: number }>();
  function live(key: string): { value: Value; expires: number } | undefined {
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }
  return {
    get: (key) => live(key)?.value,
    has: (key) => live(key) !== undefined,
    set(key, value) {
      const time = now();
      entries.delete(key);
      entries.set(key, { value, expires: time + ttlMs });
      // Entries are in insertion order, which is expiry order: sweep from the front.
      for (const [oldKey, entry] of entries) {
        if (entry.expires > time && entries.size <= maxEntries) break;
        entries.delete(oldKey);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
