// SQLite store of distribution runs and their steps. A step is claimed with one conditional
// UPDATE (pending → running) and checkpointed with one UPDATE, so a crash leaves at worst a
// 'running' step, which recovery returns to 'pending' (its cloud call is idempotent by token).
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../domain/scope.js';
import type { PlannedJob } from '../../engine/plan.js';
import type { CompactCandidate, CompactedRun, RunGroup, RunHead, RunRecord, RunStatus, RunStore } from '../../engine/run-ports.js';
import type { StepRecord, StepStatus } from '../../engine/step-inputs.js';
import type { Db } from './db.js';

/** A `distribution_steps` row as SQLite returns it (also read by run-pages.ts). */
export interface StepRow {
  step_key: string;
  job_key: string;
  kind: string;
  target_account: string;
  target_region: string;
  depends_on: string;
  input: string;
  status: string;
  attempts: number;
  retries: number;
  next_attempt_at: string | null;
  output: string | null;
  error_code: string | null;
  error: string | null;
  started_at: string | null;
  ended_at: string | null;
}

interface RunRow {
  account_id: string;
  region: string;
  run_id: string;
  image_arn: string;
  attempt: number;
  status: string;
  plan_input: string;
  jobs: string;
  start_time: string;
  end_time: string | null;
  compacted: string | null;
}

/** A step from its row; the input and output JSON are what the plan and the step of `kind` wrote. */
export function stepFromRow(r: StepRow): StepRecord {
  return {
    key: r.step_key,
    jobKey: r.job_key,
    kind: r.kind as StepRecord['kind'],
    accountId: r.target_account,
    region: r.target_region,
    dependsOn: JSON.parse(r.depends_on) as string[],
    input: JSON.parse(r.input) as StepRecord['input'],
    status: r.status as StepStatus,
    attempts: r.attempts,
    ...(r.retries ? { retries: r.retries } : {}),
    ...(r.next_attempt_at !== null ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.output !== null ? { output: JSON.parse(r.output) as StepRecord['output'] } : {}),
    ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
    ...(r.error !== null ? { error: r.error } : {}),
    ...(r.started_at !== null ? { startedAt: r.started_at } : {}),
    ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}),
  } as StepRecord;
}

/** A step row's columns that the plan decides, in the INSERT statements' order. */
function plannedColumns(scope: Scope, runId: string, st: StepRecord): [string, string, string, string, string, string, string, string, string, string] {
  return [scope.accountId, scope.region, runId, st.key, st.jobKey, st.kind, st.accountId, st.region, JSON.stringify(st.dependsOn), JSON.stringify(st.input)];
}

function headFromRow(r: Omit<RunRow, 'plan_input' | 'jobs'>): RunHead {
  return {
    scope: { accountId: r.account_id, region: r.region },
    runId: r.run_id,
    imageArn: r.image_arn,
    attempt: r.attempt,
    status: r.status as RunStatus,
    startTime: r.start_time,
    ...(r.end_time !== null ? { endTime: r.end_time } : {}),
    ...(r.compacted !== null ? { compacted: JSON.parse(r.compacted) as CompactedRun } : {}),
  };
}

function runFromRow(r: RunRow): RunRecord {
  return { ...headFromRow(r), planInput: JSON.parse(r.plan_input) as unknown, jobs: JSON.parse(r.jobs) as PlannedJob[] };
}

/** Runs and steps over an open database (the engine's RunStore port). */
export class SqliteRunStore implements RunStore {
  private readonly s;
  constructor(private readonly db: Db) {
    this.s = {
      insertRun: db.prepare(
        `INSERT INTO distribution_runs (account_id, region, run_id, image_arn, attempt, status, plan_input, jobs, start_time, workflow_step_id)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
      ),
      insertStep: db.prepare(
        `INSERT INTO distribution_steps (account_id, region, run_id, step_key, job_key, kind, target_account, target_region, depends_on, input, status, attempts, output, error_code, error, started_at, ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // A new run's pending steps, written after the request in chunks (or re-derived at start-up):
      // a step already there (by key) is left as it is, so a chunk written twice changes nothing.
      insertPending: db.prepare(
        `INSERT OR IGNORE INTO distribution_steps (account_id, region, run_id, step_key, job_key, kind, target_account, target_region, depends_on, input, status, attempts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
      ),
      countSteps: db.prepare<[string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM distribution_steps WHERE account_id = ? AND region = ? AND run_id = ?',
      ),
      getRun: db.prepare<[string, string, string], RunRow>('SELECT * FROM distribution_runs WHERE account_id = ? AND region = ? AND run_id = ?'),
      runHead: db.prepare<[string, string, string], Omit<RunRow, 'plan_input' | 'jobs'>>(
        'SELECT account_id, region, run_id, image_arn, attempt, status, start_time, end_time, compacted FROM distribution_runs WHERE account_id = ? AND region = ? AND run_id = ?',
      ),
      runsOfImage: db.prepare<[string, string, string], RunRow>(
        'SELECT * FROM distribution_runs WHERE account_id = ? AND region = ? AND image_arn = ? ORDER BY attempt',
      ),
      unfinished: db.prepare<[], RunRow>("SELECT * FROM distribution_runs WHERE status = 'running'"),
      steps: db.prepare<[string, string, string], StepRow>('SELECT * FROM distribution_steps WHERE account_id = ? AND region = ? AND run_id = ?'),
      claim: db.prepare(
        `UPDATE distribution_steps SET status = 'running', attempts = attempts + 1, next_attempt_at = NULL, started_at = COALESCE(started_at, ?)
         WHERE account_id = ? AND region = ? AND run_id = ? AND step_key = ? AND status = 'pending'`,
      ),
      finish: db.prepare(
        `UPDATE distribution_steps SET status = ?, output = ?, error_code = ?, error = ?, ended_at = ?
         WHERE account_id = ? AND region = ? AND run_id = ? AND step_key = ?`,
      ),
      release: db.prepare(
        `UPDATE distribution_steps SET status = 'pending', output = ?, error_code = ?, error = ?, retries = ?, next_attempt_at = ?
         WHERE account_id = ? AND region = ? AND run_id = ? AND step_key = ? AND status = 'running'`,
      ),
      recover: db.prepare("UPDATE distribution_steps SET status = 'pending' WHERE account_id = ? AND region = ? AND run_id = ? AND status = 'running'"),
      insertJob: db.prepare('INSERT INTO distribution_jobs (account_id, region, run_id, position, job_key, body) VALUES (?, ?, ?, ?, ?, ?)'),
      insertJobId: db.prepare('INSERT INTO workflow_step_executions (account_id, region, step_execution_id, run_id, job_key) VALUES (?, ?, ?, ?, ?)'),
      jobIds: db.prepare<[string, string, string], { step_execution_id: string; job_key: string }>(
        'SELECT step_execution_id, job_key FROM workflow_step_executions WHERE account_id = ? AND region = ? AND run_id = ?',
      ),
      findStep: db.prepare<[string, string, string], { run_id: string; job_key: string }>(
        'SELECT run_id, job_key FROM workflow_step_executions WHERE account_id = ? AND region = ? AND step_execution_id = ?',
      ),
      // Custom workflows read their runs' steps when they go on; their runs are never compacted.
      compactable: db.prepare<[string, number], { account_id: string; region: string; run_id: string; job_count: number }>(
        `SELECT account_id, region, run_id, json_array_length(jobs) AS job_count FROM distribution_runs
         WHERE compacted IS NULL AND end_time IS NOT NULL AND workflow_step_id IS NULL AND end_time <= ? AND status != 'running'
         ORDER BY end_time LIMIT ?`,
      ),
      markCompacted: db.prepare("UPDATE distribution_runs SET compacted = ? WHERE account_id = ? AND region = ? AND run_id = ? AND status != 'running'"),
      deleteSteps: db.prepare('DELETE FROM distribution_steps WHERE account_id = ? AND region = ? AND run_id = ?'),
      deleteJobIds: db.prepare('DELETE FROM workflow_step_executions WHERE account_id = ? AND region = ? AND run_id = ?'),
      endRun: db.prepare('UPDATE distribution_runs SET status = ?, end_time = ? WHERE account_id = ? AND region = ? AND run_id = ?'),
      begin: db.prepare('BEGIN'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
    };
  }

  /** Writes a run and all its steps in one transaction. */
  createRun(run: Omit<RunRecord, 'status' | 'endTime'>, steps: StepRecord[]): void {
    const sc = run.scope;
    this.db.transaction(() => {
      const workflowStepId = (run.planInput as { workflowStepId?: string }).workflowStepId ?? null;
      this.s.insertRun.run(
        sc.accountId,
        sc.region,
        run.runId,
        run.imageArn,
        run.attempt,
        JSON.stringify(run.planInput),
        JSON.stringify(run.jobs),
        run.startTime,
        workflowStepId,
      );
      run.jobs.forEach((job, i) => {
        this.s.insertJob.run(sc.accountId, sc.region, run.runId, i, job.key, JSON.stringify(job));
        this.s.insertJobId.run(sc.accountId, sc.region, `step-${randomUUID()}`, run.runId, job.key);
      });
      for (const st of steps) {
        this.s.insertStep.run(
          ...plannedColumns(sc, run.runId, st),
          st.status,
          st.attempts,
          st.output ? JSON.stringify(st.output) : null,
          st.errorCode ?? null,
          st.error ?? null,
          st.startedAt ?? null,
          st.endedAt ?? null,
        );
      }
    })();
  }

  /** Writes pending steps of an existing run in one transaction; steps already stored (by key) stay. */
  insertPendingSteps(scope: Scope, runId: string, steps: readonly StepRecord[]): void {
    this.db.transaction(() => {
      for (const st of steps) {
        this.s.insertPending.run(...plannedColumns(scope, runId, st));
      }
    })();
  }

  /** How many step rows a run has. */
  countSteps(scope: Scope, runId: string): number {
    return this.s.countSteps.get(scope.accountId, scope.region, runId)!.n;
  }

  getRun(scope: Scope, runId: string): RunRecord | undefined {
    const r = this.s.getRun.get(scope.accountId, scope.region, runId);
    return r ? runFromRow(r) : undefined;
  }

  /** A run without its plan input and jobs. */
  runHead(scope: Scope, runId: string): RunHead | undefined {
    const r = this.s.runHead.get(scope.accountId, scope.region, runId);
    return r ? headFromRow(r) : undefined;
  }

  runsOfImage(scope: Scope, imageArn: string): RunRecord[] {
    return this.s.runsOfImage.all(scope.accountId, scope.region, imageArn).map(runFromRow);
  }

  unfinishedRuns(): RunRecord[] {
    return this.s.unfinished.all().map(runFromRow);
  }

  steps(scope: Scope, runId: string): StepRecord[] {
    return this.s.steps.all(scope.accountId, scope.region, runId).map(stepFromRow);
  }

  /** Claims a pending step; false when another worker has it or it is no longer pending. */
  claim(scope: Scope, runId: string, key: string, now: string): boolean {
    return this.s.claim.run(now, scope.accountId, scope.region, runId, key).changes === 1;
  }

  /** Checkpoints a step's terminal state. */
  finish(scope: Scope, runId: string, key: string, status: StepStatus, now: string, output?: unknown, err?: { code: string; message: string }): void {
    this.s.finish.run(
      status,
      output === undefined ? null : JSON.stringify(output),
      err?.code ?? null,
      err?.message ?? null,
      now,
      scope.accountId,
      scope.region,
      runId,
      key,
    );
  }

  /**
   * Returns a running step to pending (a poll or a retry), keeping its partial output, with its
   * retry count and the time it may run again.
   */
  release(scope: Scope, runId: string, key: string, next: { retries: number; at: string }, output?: unknown, err?: { code: string; message: string }): void {
    this.s.release.run(
      output === undefined ? null : JSON.stringify(output),
      err?.code ?? null,
      err?.message ?? null,
      next.retries,
      next.at,
      scope.accountId,
      scope.region,
      runId,
      key,
    );
  }

  /** After a crash: steps left 'running' go back to 'pending'. */
  recover(scope: Scope, runId: string): number {
    return this.s.recover.run(scope.accountId, scope.region, runId).changes;
  }

  /** The workflow step-execution id of each job of a run. */
  jobIds(scope: Scope, runId: string): Map<string, string> {
    return new Map(this.s.jobIds.all(scope.accountId, scope.region, runId).map((r) => [r.job_key, r.step_execution_id]));
  }

  /** The run and job of a workflow step-execution id. */
  findStepExecution(scope: Scope, id: string): { runId: string; jobKey: string } | undefined {
    const r = this.s.findStep.get(scope.accountId, scope.region, id);
    return r ? { runId: r.run_id, jobKey: r.job_key } : undefined;
  }

  endRun(scope: Scope, runId: string, status: RunStatus, now: string): void {
    this.s.endRun.run(status, now, scope.accountId, scope.region, runId);
  }

  /** Finished runs (not a custom workflow's) that ended at or before `cutoff`, oldest first. */
  compactable(cutoff: string, limit: number): CompactCandidate[] {
    return this.s.compactable.all(cutoff, limit).map((r) => ({ scope: { accountId: r.account_id, region: r.region }, runId: r.run_id, jobCount: r.job_count }));
  }

  /**
   * Deletes a finished run's step rows and step-execution ids, keeping the run, its jobs and
   * `kept` (the job counts): one transaction. False when the run is running (nothing changes).
   */
  compact(scope: Scope, runId: string, kept: CompactedRun): boolean {
    return this.db.transaction(() => {
      if (this.s.markCompacted.run(JSON.stringify(kept), scope.accountId, scope.region, runId).changes !== 1) return false;
      this.s.deleteSteps.run(scope.accountId, scope.region, runId);
      this.s.deleteJobIds.run(scope.accountId, scope.region, runId);
      return true;
    })();
  }

  /** Several checkpoints in one transaction. */
  batch(fn: () => void): void {
    this.db.transaction(fn)();
  }

  /**
   * Opens a group: a plain BEGIN, so that what runs until `commit` (this store's statements, the
   * world's `tx`, which joins an open transaction, and `db.transaction()` calls, which
   * better-sqlite3 nests as savepoints) commits as one. Undefined inside a caller's transaction.
   */
  openGroup(): RunGroup | undefined {
    if (this.db.inTransaction) return undefined;
    this.s.begin.run();
    return {
      commit: () => {
        try {
          this.s.commit.run();
        } catch (e) {
          // A failed COMMIT may leave the transaction open (SQLITE_BUSY) or already rolled back
          // (SQLITE_FULL, I/O errors): either way nothing of the group stays.
          if (this.db.inTransaction) this.s.rollback.run();
          throw e;
        }
      },
    };
  }
}
