// A bounded read cache in front of one table whose every write goes through the same store.
// Get is the API's hottest call and its SQLite read (plus JSON.parse of the stored document)
// was the largest cost ibex itself adds to it (bench/, docs/performance.md). Rules that keep it
// exact: every write drops the key before the statement runs; a value read inside a transaction
// is never cached (the transaction may still roll back); cached values are deeply frozen, so
// a caller that mutates one fails loudly instead of corrupting later reads.
import type { Db } from './db.js';

/**
 * Default bound: enough for every configuration of a busy account, small enough to not matter.
 * IBEX_READ_CACHE_MAX overrides it; 0 turns caching off (every read goes to SQLite), which the
 * benchmarks use to measure the uncached path.
 */
export const READ_CACHE_MAX = readCacheMax(process.env.IBEX_READ_CACHE_MAX);

function readCacheMax(v: string | undefined): number {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 10_000;
}

export class ReadCache<V extends object> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly db: Db,
    private readonly max = READ_CACHE_MAX,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /**
   * Freezes `value` and keeps it, unless a transaction is open or caching is off; returns it
   * either way. Only kept values are frozen: they are the shared ones (and the wire form of a
   * frozen record is memoized, which is only worth it for a value that will be read again).
   */
  fill(key: string, value: V): V {
    if (this.db.inTransaction || this.max === 0) return value;
    deepFreeze(value);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
    return value;
  }

  drop(key: string): void {
    this.map.delete(key);
  }
}

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
}
