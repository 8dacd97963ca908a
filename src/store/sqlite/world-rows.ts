// The simulated world's rows in SQLite (the WorldRows port of cloud/simulated/world-rows.ts):
// every record is one JSON row in `world_resources`, keyed (account_id, region, kind, id);
// settings live in `world_meta`. All writes are synchronous (better-sqlite3).
import type { Kind } from '../../cloud/simulated/records.js';
import type { RowKey, WorldRow, WorldRows } from '../../cloud/simulated/world-rows.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

export class SqliteWorldRows implements WorldRows {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly deleteRangeStmt;
  private readonly getMetaStmt;
  private readonly setMetaStmt;
  private readonly keyStmts = new Map<string, Statement>();

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

  /**
   * Keys of one kind in (account, Region, id) order after `after`, by the `world_resources_kind`
   * index — (kind) plus the primary key, which a WITHOUT ROWID table's index carries — so each
   * read is a seek. A Region without an account is a skip-scan: one seek per account that has
   * rows of the kind, then the page within (account, Region); never a scan of the kind's rows.
   */
  keys(kind: Kind, scope: { accountId?: string; region?: string }, after: RowKey | undefined, limit: number): RowKey[] {
    const { accountId, region } = scope;
    if (region === undefined || accountId !== undefined) return this.seek(kind, scope, after, limit);
    const out: RowKey[] = [];
    let account = after?.accountId;
    let afterId = after?.id;
    if (account === undefined) account = this.nextAccount(kind, '');
    while (account !== undefined && out.length < limit) {
      const cursor = afterId === undefined ? undefined : { accountId: account, region, id: afterId };
      out.push(...this.seek(kind, { accountId: account, region }, cursor, limit - out.length));
      account = this.nextAccount(kind, account);
      afterId = undefined;
    }
    return out;
  }

  /** The first account after `account` with rows of the kind. */
  private nextAccount(kind: Kind, account: string): string | undefined {
    return this.stmt('next-account', () =>
      this.db
        .prepare('SELECT account_id FROM world_resources INDEXED BY world_resources_kind WHERE kind = ? AND account_id > ? ORDER BY account_id LIMIT 1')
        .pluck(true),
    ).get(kind, account) as string | undefined;
  }

  /** One index seek: keys of a kind, optionally in one account (and Region), after a key. */
  private seek(kind: Kind, scope: { accountId?: string; region?: string }, after: RowKey | undefined, limit: number): RowKey[] {
    const a = scope.accountId !== undefined;
    const r = a && scope.region !== undefined;
    const stmt = this.stmt(`${a ? 'a' : ''}${r ? 'r' : ''}${after ? '>' : ''}`, () => {
      const where = ['kind = @kind', ...(a ? ['account_id = @accountId'] : []), ...(r ? ['region = @region'] : [])];
      if (after)
        where.push(r ? 'id > @afterId' : a ? '(region, id) > (@afterRegion, @afterId)' : '(account_id, region, id) > (@afterAccount, @afterRegion, @afterId)');
      const order = r ? 'id' : a ? 'region, id' : 'account_id, region, id';
      return this.db.prepare(
        `SELECT account_id AS accountId, region, id FROM world_resources INDEXED BY world_resources_kind WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`,
      );
    });
    return stmt.all({
      kind,
      limit,
      ...(a ? { accountId: scope.accountId } : {}),
      ...(r ? { region: scope.region } : {}),
      ...(after ? { afterId: after.id, ...(r ? {} : { afterRegion: after.region }), ...(a ? {} : { afterAccount: after.accountId }) } : {}),
    }) as RowKey[];
  }

  private stmt(name: string, make: () => Statement): Statement {
    let stmt = this.keyStmts.get(name);
    if (!stmt) this.keyStmts.set(name, (stmt = make()));
    return stmt;
  }

  /** Every row the world keeps in memory (all kinds but client tokens), one at a time. */
  *all(): Iterable<WorldRow> {
    // Iterated, so a start-up never holds every row's text and parsed body at once.
    const rows = this.db.prepare("SELECT kind, body FROM world_resources WHERE kind <> 'token'").iterate() as IterableIterator<{ kind: Kind; body: string }>;
    for (const r of rows) yield { kind: r.kind, body: JSON.parse(r.body) as unknown };
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
