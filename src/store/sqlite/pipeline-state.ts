// SQLite store of the scheduler's per-pipeline state: the instant up to which schedule matches
// were processed (so no tick fires twice, also across restarts), the dependency fingerprint of
// the last build and the count of consecutive scheduled failures.
import type { Scope } from '../../domain/scope.js';
import type { PipelineStateStore } from '../ports.js';
import type { PipelineStateRow } from '../records.js';
import type { Db } from './db.js';

interface Row {
  checked_until: number;
  fingerprint: string | null;
  consecutive_failures: number;
}

/** Pipeline state keyed by (account, Region, pipeline ARN). */
export class SqlitePipelineStateStore implements PipelineStateStore {
  private readonly getStmt;
  private readonly upsert;
  private readonly del;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string, string], Row>('SELECT * FROM pipeline_state WHERE account_id = ? AND region = ? AND pipeline_arn = ?');
    this.upsert = db.prepare(
      `INSERT INTO pipeline_state (account_id, region, pipeline_arn, checked_until, fingerprint, consecutive_failures) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, region, pipeline_arn) DO UPDATE SET checked_until = excluded.checked_until, fingerprint = excluded.fingerprint,
       consecutive_failures = excluded.consecutive_failures`,
    );
    this.del = db.prepare('DELETE FROM pipeline_state WHERE account_id = ? AND region = ? AND pipeline_arn = ?');
  }

  get(scope: Scope, arn: string): PipelineStateRow | undefined {
    const r = this.getStmt.get(scope.accountId, scope.region, arn);
    if (!r) return undefined;
    return { checkedUntil: r.checked_until, consecutiveFailures: r.consecutive_failures, ...(r.fingerprint !== null ? { fingerprint: r.fingerprint } : {}) };
  }

  put(scope: Scope, arn: string, s: PipelineStateRow): void {
    this.upsert.run(scope.accountId, scope.region, arn, s.checkedUntil, s.fingerprint ?? null, s.consecutiveFailures);
  }

  delete(scope: Scope, arn: string): void {
    this.del.run(scope.accountId, scope.region, arn);
  }
}
