// SQLite store of simulated builds: one row per image build with its phase, the instant it is
// due to move on, its immutable spec and its progress (AMI id, phase timestamps), so that a
// build in progress resumes after a restart.
import type { Scope } from '../../domain/scope.js';
import type { BuildPhase, BuildRow } from '../records.js';
import type { BuildStore } from '../ports.js';
import type { Db } from './db.js';

interface Row {
  account_id: string;
  region: string;
  image_arn: string;
  phase: BuildPhase;
  due_at: number;
  spec: string;
  progress: string;
}

const fromRow = <S, P>(r: Row): BuildRow<S, P> => ({
  scope: { accountId: r.account_id, region: r.region },
  imageArn: r.image_arn,
  phase: r.phase,
  dueAt: r.due_at,
  spec: JSON.parse(r.spec) as S,
  progress: JSON.parse(r.progress) as P,
});

/** Builds keyed by (account, Region, image ARN). */
export class SqliteBuildStore implements BuildStore {
  private readonly ins;
  private readonly upd;
  private readonly getStmt;
  private readonly dueStmt;
  private readonly byWorkflow;

  constructor(db: Db) {
    this.ins = db.prepare('INSERT INTO builds (account_id, region, image_arn, phase, due_at, spec, progress) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.upd = db.prepare('UPDATE builds SET phase = ?, due_at = ?, progress = ? WHERE account_id = ? AND region = ? AND image_arn = ?');
    this.getStmt = db.prepare<[string, string, string], Row>('SELECT * FROM builds WHERE account_id = ? AND region = ? AND image_arn = ?');
    this.byWorkflow = db.prepare<[string, string, string], Row>(
      "SELECT * FROM builds WHERE account_id = ? AND region = ? AND ? IN (json_extract(progress, '$.buildWorkflowId'), json_extract(progress, '$.testWorkflowId'))",
    );
    this.dueStmt = db.prepare<[number, number], Row>("SELECT * FROM builds WHERE phase NOT IN ('DONE') AND due_at <= ? ORDER BY due_at LIMIT ?");
  }

  insert(row: BuildRow): void {
    this.ins.run(row.scope.accountId, row.scope.region, row.imageArn, row.phase, row.dueAt, JSON.stringify(row.spec), JSON.stringify(row.progress));
  }

  update(scope: Scope, imageArn: string, phase: BuildPhase, dueAt: number, progress: unknown): void {
    this.upd.run(phase, dueAt, JSON.stringify(progress), scope.accountId, scope.region, imageArn);
  }

  get<S, P>(scope: Scope, imageArn: string): BuildRow<S, P> | undefined {
    const r = this.getStmt.get(scope.accountId, scope.region, imageArn);
    return r ? fromRow<S, P>(r) : undefined;
  }

  /** The build whose BUILD or TEST workflow execution has this id. */
  findByWorkflowId<S, P>(scope: Scope, workflowExecutionId: string): BuildRow<S, P> | undefined {
    const r = this.byWorkflow.get(scope.accountId, scope.region, workflowExecutionId);
    return r ? fromRow<S, P>(r) : undefined;
  }

  /** Unfinished builds due at `now`, oldest first. */
  due<S, P>(now: number, limit: number): BuildRow<S, P>[] {
    return this.dueStmt.all(now, limit).map((r) => fromRow<S, P>(r));
  }
}
