// The simulated world's persistence port: every record is one JSON row keyed (account, Region,
// kind, id), plus settings by key. The simulation writes through it synchronously; the SQLite
// adapter is store/sqlite/world-rows.ts (the simulation never sees a database type).
import type { Kind } from './records.js';

/** A stored row, as read back at start-up. */
export interface WorldRow {
  kind: Kind;
  body: unknown;
}

/** A row's key within its kind. */
export interface RowKey {
  accountId: string;
  region: string;
  id: string;
}

/** Reads and writes world rows; every write is synchronous and durable when it returns. */
export interface WorldRows {
  put(kind: Kind, accountId: string, region: string, id: string, body: unknown): void;
  /** One row's body (for kinds the world does not keep in memory). */
  get<T>(kind: Kind, accountId: string, region: string, id: string): T | undefined;
  delete(kind: Kind, accountId: string, region: string, id: string): void;
  /** Deletes the rows whose id lies in [from, to) (e.g. every launch permission of one image). */
  deleteRange(kind: Kind, accountId: string, region: string, from: string, to: string): void;
  /**
   * Up to `limit` keys of one kind, in (account, Region, id) order, after `after` (exclusive),
   * optionally within one account and/or Region: an index seek, so its cost is the page's.
   */
  keys(kind: Kind, scope: { accountId?: string; region?: string }, after: RowKey | undefined, limit: number): RowKey[];
  /** Every row the world keeps in memory (all kinds but client tokens), read one at a time. */
  all(): Iterable<WorldRow>;
  /** Removes every resource row (reset); meta is kept. */
  clear(): void;
  getMeta<T>(key: string): T | undefined;
  setMeta(key: string, value: unknown): void;
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T;
}
