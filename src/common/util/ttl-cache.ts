/**
 * A small in-process cache whose entries stop counting at their own expiry time. An expired entry
 * is not removed when read, only overwritten or dropped with the rest: when `maxEntries` is
 * reached, the next `set` empties the cache first, which bounds memory without bookkeeping for an
 * eviction order.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();
  private readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? Infinity;
  }

  /** The value, while its expiry time (ms since the epoch) is still ahead; else undefined. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }

  /** Stores `value` until `expiresAt` (ms since the epoch). */
  set(key: K, value: V, expiresAt: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
