// SQLite store of rollouts (issue #15): the whole state of a rollout as one JSON row (migration 016).
import type { RolloutStore } from '../ports.js';
import type { Rollout } from '../records.js';
import type { Db } from './db.js';

export class SqliteRolloutStore implements RolloutStore {
  constructor(private readonly db: Db) {}

  put(r: Rollout): void {
    this.db
      .prepare(
        'INSERT INTO rollouts (rollout_id, account_id, region, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id) DO UPDATE SET status = excluded.status, body = excluded.body',
      )
      .run(r.rolloutId, r.scope.accountId, r.scope.region, r.status, JSON.stringify(r), r.createdAt);
  }

  get(id: string): Rollout | undefined {
    const row = this.db.prepare<[string], { body: string }>('SELECT body FROM rollouts WHERE rollout_id = ?').get(id);
    return row ? (JSON.parse(row.body) as Rollout) : undefined;
  }

  list(): Rollout[] {
    return this.db
      .prepare<[], { body: string }>('SELECT body FROM rollouts ORDER BY created_at, rollout_id')
      .all()
      .map((r) => JSON.parse(r.body) as Rollout);
  }

  active(): Rollout[] {
    return this.db
      .prepare<[], { body: string }>("SELECT body FROM rollouts WHERE status IN ('running', 'soaking') ORDER BY created_at")
      .all()
      .map((r) => JSON.parse(r.body) as Rollout);
  }
}
