// The simulated world's rows in SQLite (the WorldRows port of cloud/simulated/world-rows.ts):
// every record is one JSON row in `world_resources`, keyed (account_id, region, kind, id);
// settings live in `world_meta`. All writes are synchronous (better-sqlite3).
import type { Kind } from '../../cloud/simulated/records.js';
import type { WorldRow, WorldRows } from '../../cloud/simulated/world-rows.js';
import type { Db } from './db.js';

export class SqliteWorldRows implements WorldRows {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly deleteRangeStmt;
  private readonly getMetaStmt;
  private readonly setMetaStmt;

  constructor(readonly db: Db) {
    this.upsertStmt = db.prepare(
      'INSERT INTO world_resources (account_id, region, kind, id, body) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (account_id, region, kind, id) DO UPDATE SET body = excluded.body',
    );
    this.getStmt = db.prepare('SELECT body FROM world_resources WHERE account_id = ? AND region = ? AND kind = ? AND id = ?').pluck(true);
    this.deleteStmt = db.prepare('DELETE FROM world_resources WHERE account_id = ? AND region = ? AND kind = ? AND id = ?');
    this.deleteRangeStmt = db.prepare('DELETE FROM world_resources WHERE account_id = ? AND region = ? AND kind = ? AND id >= ? AND id < ?');
    this.getMetaStmt = db.prepare('SELECT value FROM world_meta WHERE key = ?');
    this.setMetaStmt = db.prepare('INSERT INTO world_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  put(kind: Kind, accountId: string, region: string, id: string, body: unknown): void {
    this.upsertStmt.run(accountId, region, kind, id, JSON.stringify(body));
  }

  /** One row's body (for kinds the world does not keep in memory). */
  get<T>(kind: Kind, accountId: string, region: string, id: string): T | undefined {
    const body = this.getStmt.get(accountId, region, kind, id) as string | undefined;
    return body === undefined ? undefined : (JSON.parse(body) as T);
  }

  delete(kind: Kind, accountId: string, region: string, id: string): void {
    this.deleteStmt.run(accountId, region, kind, id);
  }

  /** Deletes the rows whose id lies in [from, to) (e.g. every launch permission of one image). */
  deleteRange(kind: Kind, accountId: string, region: string, from: string, to: string): void {
    this.deleteRangeStmt.run(accountId, region, kind, from, to);
  }

  /** Every row the world keeps in memory (all kinds but client tokens), in key order. */
  all(): WorldRow[] {
    const rows = this.db.prepare("SELECT kind, body FROM world_resources WHERE kind <> 'token'").all() as { kind: Kind; body: string }[];
    return rows.map((r) => ({ kind: r.kind, body: JSON.parse(r.body) as unknown }));
  }

  /** Removes every resource row (reset); meta is kept. */
  clear(): void {
    this.db.prepare('DELETE FROM world_resources').run();
  }

  getMeta<T>(key: string): T | undefined {
    const row = this.getMetaStmt.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setMeta(key: string, value: unknown): void {
    this.setMetaStmt.run(key, JSON.stringify(value));
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }
}
