// SQLite store of lifecycle policies, lifecycle executions and the resources each execution acts
// on, and of resource policies: wire-shaped JSON bodies keyed by scope first.
import type { Scope } from '../../domain/scope.js';
import type { LifecycleStore } from '../ports.js';
import type { ResourcePolicyRecord, ResourceRow, StoredExecution, StoredLifecyclePolicy } from '../records.js';
import type { Db } from './db.js';

export class SqliteLifecycleStore implements LifecycleStore {
  constructor(private readonly db: Db) {}

  // -------------------------------------------------------------- policies

  getPolicy(scope: Scope, arn: string): StoredLifecyclePolicy | undefined {
    const r = this.db
      .prepare<[string, string, string], { body: string }>('SELECT body FROM lifecycle_policies WHERE account_id = ? AND region = ? AND arn = ?')
      .get(scope.accountId, scope.region, arn);
    return r ? (JSON.parse(r.body) as StoredLifecyclePolicy) : undefined;
  }

  putPolicy(scope: Scope, p: StoredLifecyclePolicy): void {
    this.db
      .prepare(
        'INSERT INTO lifecycle_policies (account_id, region, arn, name, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, region, arn) DO UPDATE SET body = excluded.body',
      )
      .run(scope.accountId, scope.region, p.arn, p.name, JSON.stringify(p));
  }

  deletePolicy(scope: Scope, arn: string): boolean {
    return (
      this.db.prepare('DELETE FROM lifecycle_policies WHERE account_id = ? AND region = ? AND arn = ?').run(scope.accountId, scope.region, arn).changes > 0
    );
  }

  listPolicies(scope: Scope): StoredLifecyclePolicy[] {
    return this.db
      .prepare<[string, string], { body: string }>('SELECT body FROM lifecycle_policies WHERE account_id = ? AND region = ? ORDER BY arn')
      .all(scope.accountId, scope.region)
      .map((r) => JSON.parse(r.body) as StoredLifecyclePolicy);
  }

  /** Every policy of every scope (the scheduler's view). */
  allPolicies(): { scope: Scope; policy: StoredLifecyclePolicy }[] {
    const rows = this.db.prepare('SELECT account_id, region, body FROM lifecycle_policies').all() as { account_id: string; region: string; body: string }[];
    return rows.map((r) => ({ scope: { accountId: r.account_id, region: r.region }, policy: JSON.parse(r.body) as StoredLifecyclePolicy }));
  }

  // -------------------------------------------------------------- executions

  getExecution(scope: Scope, id: string): StoredExecution | undefined {
    const r = this.db
      .prepare<[string, string, string], { body: string }>('SELECT body FROM lifecycle_executions WHERE account_id = ? AND region = ? AND id = ?')
      .get(scope.accountId, scope.region, id);
    return r ? (JSON.parse(r.body) as StoredExecution) : undefined;
  }

  putExecution(scope: Scope, e: StoredExecution): void {
    const x = e.execution;
    this.db
      .prepare(
        `INSERT INTO lifecycle_executions (account_id, region, id, resource_arn, status, start_time, body) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, id) DO UPDATE SET status = excluded.status, body = excluded.body`,
      )
      .run(scope.accountId, scope.region, x.lifecycleExecutionId, e.resourceArn, x.state?.status ?? 'IN_PROGRESS', x.startTime ?? 0, JSON.stringify(e));
  }

  /** Executions found by policy (or image) ARN, newest first. */
  executionsOf(scope: Scope, resourceArn: string): StoredExecution[] {
    return this.db
      .prepare<[string, string, string], { body: string }>(
        'SELECT body FROM lifecycle_executions WHERE account_id = ? AND region = ? AND resource_arn = ? ORDER BY start_time DESC, id DESC',
      )
      .all(scope.accountId, scope.region, resourceArn)
      .map((r) => JSON.parse(r.body) as StoredExecution);
  }

  /** Executions not yet finished, in every scope (resumed at start-up). */
  unfinished(): { scope: Scope; execution: StoredExecution }[] {
    const rows = this.db
      .prepare("SELECT account_id, region, body FROM lifecycle_executions WHERE status IN ('IN_PROGRESS', 'CANCELLING', 'PENDING') ORDER BY start_time")
      .all() as { account_id: string; region: string; body: string }[];
    return rows.map((r) => ({ scope: { accountId: r.account_id, region: r.region }, execution: JSON.parse(r.body) as StoredExecution }));
  }

  // -------------------------------------------------------------- resources

  insertResource(scope: Scope, executionId: string, row: ResourceRow): void {
    this.db
      .prepare('INSERT INTO lifecycle_resources (account_id, region, execution_id, seq, parent_id, status, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(scope.accountId, scope.region, executionId, row.seq, row.parentId, row.resource.state?.status ?? 'IN_PROGRESS', JSON.stringify(row));
  }

  putResource(scope: Scope, executionId: string, row: ResourceRow): void {
    this.db
      .prepare('UPDATE lifecycle_resources SET status = ?, body = ? WHERE account_id = ? AND region = ? AND execution_id = ? AND seq = ?')
      .run(row.resource.state?.status ?? 'IN_PROGRESS', JSON.stringify(row), scope.accountId, scope.region, executionId, row.seq);
  }

  /** Rows of an execution, in order; `parentId` '' for images, an image ARN for its outputs. */
  resources(scope: Scope, executionId: string, parentId?: string): ResourceRow[] {
    const rows =
      parentId === undefined
        ? this.db
            .prepare<[string, string, string], { body: string }>(
              'SELECT body FROM lifecycle_resources WHERE account_id = ? AND region = ? AND execution_id = ? ORDER BY seq',
            )
            .all(scope.accountId, scope.region, executionId)
        : this.db
            .prepare<[string, string, string, string], { body: string }>(
              'SELECT body FROM lifecycle_resources WHERE account_id = ? AND region = ? AND execution_id = ? AND parent_id = ? ORDER BY seq',
            )
            .all(scope.accountId, scope.region, executionId, parentId);
    return rows.map((r) => JSON.parse(r.body) as ResourceRow);
  }

  // -------------------------------------------------------------- resource policies

  getResourcePolicy(scope: Scope, arn: string): ResourcePolicyRecord | undefined {
    const r = this.db
      .prepare<[string, string, string], { policy: string; principals: string }>(
        'SELECT policy, principals FROM resource_policies WHERE account_id = ? AND region = ? AND arn = ?',
      )
      .get(scope.accountId, scope.region, arn);
    return r ? { policy: r.policy, principals: JSON.parse(r.principals) as string[] } : undefined;
  }

  putResourcePolicy(scope: Scope, arn: string, rec: ResourcePolicyRecord): void {
    this.db
      .prepare(
        'INSERT INTO resource_policies (account_id, region, arn, policy, principals) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, region, arn) DO UPDATE SET policy = excluded.policy, principals = excluded.principals',
      )
      .run(scope.accountId, scope.region, arn, rec.policy, JSON.stringify(rec.principals));
  }

  deleteResourcePolicy(scope: Scope, arn: string): void {
    this.db.prepare('DELETE FROM resource_policies WHERE account_id = ? AND region = ? AND arn = ?').run(scope.accountId, scope.region, arn);
  }

  /** ARNs (with their owner) in a Region whose policy names `accountId`. */
  sharedWith(region: string, accountId: string): { ownerAccountId: string; arn: string }[] {
    const rows = this.db
      .prepare<[string], { account_id: string; arn: string; principals: string }>('SELECT account_id, arn, principals FROM resource_policies WHERE region = ?')
      .all(region);
    return rows.filter((r) => (JSON.parse(r.principals) as string[]).includes(accountId)).map((r) => ({ ownerAccountId: r.account_id, arn: r.arn }));
  }
}
