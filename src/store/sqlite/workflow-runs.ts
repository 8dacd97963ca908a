// SQLite store of custom workflow executions and their steps: one row per execution (its
// workflow snapshot and status) and one per step (status, resolved inputs, outputs, the
// distribution run it started, the instant a wait times out, its rollback). Every transition is one UPDATE,
// so a restart finds each execution where it stopped — a waiting step stays WAITING.
import type { Scope } from '../../domain/scope.js';
import type { WorkflowRunStore } from '../ports.js';
import type { ExecutionRecord, ExecutionStatus, RollbackStatus, WorkflowStepRecord, WorkflowStepStatus } from '../records.js';
import type { Db } from './db.js';

interface ExecRow {
  account_id: string;
  region: string;
  execution_id: string;
  image_arn: string;
  type: ExecutionRecord['type'];
  seq: number;
  workflow_arn: string;
  status: ExecutionStatus;
  spec: string;
  message: string | null;
  start_time: string | null;
  end_time: string | null;
}

interface StepRow {
  account_id: string;
  region: string;
  step_execution_id: string;
  execution_id: string;
  idx: number;
  name: string;
  action: string;
  status: WorkflowStepStatus;
  inputs: string | null;
  outputs: string | null;
  message: string | null;
  run_id: string | null;
  deadline: number | null;
  start_time: string | null;
  end_time: string | null;
  rollback_status: RollbackStatus | null;
}

const execFromRow = <S>(r: ExecRow): ExecutionRecord<S> => ({
  scope: { accountId: r.account_id, region: r.region },
  executionId: r.execution_id,
  imageArn: r.image_arn,
  type: r.type,
  seq: r.seq,
  workflowArn: r.workflow_arn,
  status: r.status,
  spec: JSON.parse(r.spec) as S,
  ...(r.message !== null ? { message: r.message } : {}),
  ...(r.start_time !== null ? { startTime: r.start_time } : {}),
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
});

const stepFromRow = (r: StepRow): WorkflowStepRecord => ({
  scope: { accountId: r.account_id, region: r.region },
  stepExecutionId: r.step_execution_id,
  executionId: r.execution_id,
  idx: r.idx,
  name: r.name,
  action: r.action,
  status: r.status,
  ...(r.inputs !== null ? { inputs: JSON.parse(r.inputs) as Record<string, unknown> } : {}),
  ...(r.outputs !== null ? { outputs: JSON.parse(r.outputs) as Record<string, unknown> } : {}),
  ...(r.message !== null ? { message: r.message } : {}),
  ...(r.run_id !== null ? { runId: r.run_id } : {}),
  ...(r.deadline !== null ? { deadline: r.deadline } : {}),
  ...(r.start_time !== null ? { startTime: r.start_time } : {}),
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
  ...(r.rollback_status !== null ? { rollbackStatus: r.rollback_status } : {}),
});

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Workflow executions and steps over an open database. */
export class SqliteWorkflowRunStore implements WorkflowRunStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insExec: db.prepare(
        `INSERT INTO workflow_executions (account_id, region, execution_id, image_arn, type, seq, workflow_arn, status, spec, message, start_time, end_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updExec: db.prepare(
        'UPDATE workflow_executions SET status = ?, message = ?, start_time = ?, end_time = ? WHERE account_id = ? AND region = ? AND execution_id = ?',
      ),
      getExec: db.prepare<[string, string, string], ExecRow>('SELECT * FROM workflow_executions WHERE account_id = ? AND region = ? AND execution_id = ?'),
      ofImage: db.prepare<[string, string, string], ExecRow>(
        'SELECT * FROM workflow_executions WHERE account_id = ? AND region = ? AND image_arn = ? ORDER BY seq',
      ),
      unfinished: db.prepare<[], ExecRow>("SELECT * FROM workflow_executions WHERE status IN ('PENDING', 'RUNNING', 'ROLLBACK_IN_PROGRESS') ORDER BY seq"),
      insStep: db.prepare(
        `INSERT INTO workflow_steps (account_id, region, step_execution_id, execution_id, idx, name, action, status, inputs, outputs, message, run_id, deadline, start_time, end_time, rollback_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updStep: db.prepare(
        `UPDATE workflow_steps SET status = ?, inputs = ?, outputs = ?, message = ?, run_id = ?, deadline = ?, start_time = ?, end_time = ?, rollback_status = ?
         WHERE account_id = ? AND region = ? AND step_execution_id = ?`,
      ),
      getStep: db.prepare<[string, string, string], StepRow>('SELECT * FROM workflow_steps WHERE account_id = ? AND region = ? AND step_execution_id = ?'),
      steps: db.prepare<[string, string, string], StepRow>(
        'SELECT * FROM workflow_steps WHERE account_id = ? AND region = ? AND execution_id = ? ORDER BY idx',
      ),
      waiting: db.prepare<[string, string], StepRow>(
        "SELECT * FROM workflow_steps WHERE account_id = ? AND region = ? AND status = 'WAITING' ORDER BY start_time, step_execution_id",
      ),
      byRun: db.prepare<[string, string, string], StepRow>('SELECT * FROM workflow_steps WHERE account_id = ? AND region = ? AND run_id = ?'),
      unfinishedOf: db.prepare<[string, string, string], { n: number }>(
        "SELECT COUNT(*) AS n FROM workflow_executions WHERE account_id = ? AND region = ? AND workflow_arn = ? AND status IN ('PENDING', 'RUNNING', 'ROLLBACK_IN_PROGRESS')",
      ),
      imageUnfinished: db.prepare<[string, string, string], { n: number }>(
        "SELECT COUNT(*) AS n FROM workflow_executions WHERE account_id = ? AND region = ? AND image_arn = ? AND status IN ('PENDING', 'RUNNING', 'ROLLBACK_IN_PROGRESS')",
      ),
      allWaiting: db.prepare<[], StepRow>("SELECT * FROM workflow_steps WHERE status = 'WAITING' AND deadline IS NOT NULL ORDER BY deadline"),
    };
  }

  insertExecution(e: ExecutionRecord, steps: WorkflowStepRecord[]): void {
    const sc = e.scope;
    this.db.transaction(() => {
      this.s.insExec.run(
        sc.accountId,
        sc.region,
        e.executionId,
        e.imageArn,
        e.type,
        e.seq,
        e.workflowArn,
        e.status,
        JSON.stringify(e.spec),
        e.message ?? null,
        e.startTime ?? null,
        e.endTime ?? null,
      );
      for (const st of steps) {
        this.s.insStep.run(
          sc.accountId,
          sc.region,
          st.stepExecutionId,
          e.executionId,
          st.idx,
          st.name,
          st.action,
          st.status,
          json(st.inputs),
          json(st.outputs),
          st.message ?? null,
          st.runId ?? null,
          st.deadline ?? null,
          st.startTime ?? null,
          st.endTime ?? null,
          st.rollbackStatus ?? null,
        );
      }
    })();
  }

  updateExecution(e: ExecutionRecord): void {
    this.s.updExec.run(e.status, e.message ?? null, e.startTime ?? null, e.endTime ?? null, e.scope.accountId, e.scope.region, e.executionId);
  }

  getExecution<S>(scope: Scope, executionId: string): ExecutionRecord<S> | undefined {
    const r = this.s.getExec.get(scope.accountId, scope.region, executionId);
    return r ? execFromRow<S>(r) : undefined;
  }

  executionsOf<S>(scope: Scope, imageArn: string): ExecutionRecord<S>[] {
    return this.s.ofImage.all(scope.accountId, scope.region, imageArn).map((r) => execFromRow<S>(r));
  }

  unfinished<S>(): ExecutionRecord<S>[] {
    return this.s.unfinished.all().map((r) => execFromRow<S>(r));
  }

  updateStep(st: WorkflowStepRecord): void {
    this.s.updStep.run(
      st.status,
      json(st.inputs),
      json(st.outputs),
      st.message ?? null,
      st.runId ?? null,
      st.deadline ?? null,
      st.startTime ?? null,
      st.endTime ?? null,
      st.rollbackStatus ?? null,
      st.scope.accountId,
      st.scope.region,
      st.stepExecutionId,
    );
  }

  getStep(scope: Scope, stepExecutionId: string): WorkflowStepRecord | undefined {
    const r = this.s.getStep.get(scope.accountId, scope.region, stepExecutionId);
    return r ? stepFromRow(r) : undefined;
  }

  steps(scope: Scope, executionId: string): WorkflowStepRecord[] {
    return this.s.steps.all(scope.accountId, scope.region, executionId).map(stepFromRow);
  }

  /** The caller's steps waiting for an action, oldest first. */
  waiting(scope: Scope): WorkflowStepRecord[] {
    return this.s.waiting.all(scope.accountId, scope.region).map(stepFromRow);
  }

  /** Waiting steps of every scope that can time out, soonest first. */
  allWaitingWithDeadline(): WorkflowStepRecord[] {
    return this.s.allWaiting.all().map(stepFromRow);
  }

  /** Whether an execution of `workflowArn` (a build ARN) has not ended. */
  unfinishedOf(scope: Scope, workflowArn: string): boolean {
    return (this.s.unfinishedOf.get(scope.accountId, scope.region, workflowArn)?.n ?? 0) > 0;
  }

  /** Whether an execution of the image has not ended (the workflow engine owns its state). */
  hasUnfinished(scope: Scope, imageArn: string): boolean {
    return (this.s.imageUnfinished.get(scope.accountId, scope.region, imageArn)?.n ?? 0) > 0;
  }

  /** The step that started distribution run `runId`. */
  stepOfRun(scope: Scope, runId: string): WorkflowStepRecord | undefined {
    const r = this.s.byRun.get(scope.accountId, scope.region, runId);
    return r ? stepFromRow(r) : undefined;
  }
}
