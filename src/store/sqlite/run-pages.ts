// Reads of distribution runs that cost what they return, for the workflow lists (issue 19): a
// run's summary without parsing its plan, a page of its jobs (rows by position), the steps and
// step-execution ids of just those jobs, and per-job step tallies aggregated in SQL. Read-only,
// by the index of steps on their job (migration 019).
import type { Scope } from '../../domain/scope.js';
import type { PlannedJob } from '../../engine/plan.js';
import type { Db } from './db.js';
import type { CompactedRun, JobTally, RunPages, RunStatus, RunSummary } from '../../engine/run-ports.js';
import type { StepRecord } from '../../engine/step-inputs.js';
import { stepFromRow, type StepRow } from './runs.js';

interface SummaryRow {
  run_id: string;
  image_arn: string;
  attempt: number;
  status: string;
  start_time: string;
  end_time: string | null;
  job_count: number;
  compacted: string | null;
}

const summary = (r: SummaryRow): RunSummary => ({
  runId: r.run_id,
  imageArn: r.image_arn,
  attempt: r.attempt,
  status: r.status as RunStatus,
  startTime: r.start_time,
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
  jobCount: r.job_count,
  ...(r.compacted !== null ? { compacted: JSON.parse(r.compacted) as CompactedRun } : {}),
});

const SUMMARY_COLUMNS = 'run_id, image_arn, attempt, status, start_time, end_time, json_array_length(jobs) AS job_count, compacted';

/** Paged reads of runs, jobs and steps (the engine's RunPages port). */
class SqliteRunPages implements RunPages {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      summary: db.prepare<[string, string, string], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM distribution_runs WHERE account_id = ? AND region = ? AND run_id = ?`,
      ),
      family: db
        .prepare<[string, string, string, string, string], string>(
          `SELECT run_id FROM distribution_runs WHERE account_id = ? AND region = ? AND (image_arn = ? OR substr(image_arn, 1, length(?) + 6) = ? || '#ibex:')
           ORDER BY start_time, attempt`,
        )
        .pluck(true),
      scopeOf: db.prepare<[string], { account_id: string; region: string }>('SELECT account_id, region FROM distribution_runs WHERE run_id = ?'),
      summariesOfImage: db.prepare<[string, string, string], SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM distribution_runs WHERE account_id = ? AND region = ? AND image_arn = ? ORDER BY attempt`,
      ),
      // The run's jobs as rows (migration 019): a page or one job reads only itself.
      jobs: db
        .prepare<[string, string, string, number, number], string>(
          'SELECT body FROM distribution_jobs WHERE account_id = ? AND region = ? AND run_id = ? AND position >= ? AND position < ? ORDER BY position',
        )
        .pluck(true),
      job: db
        .prepare<[string, string, string, string], string>(
          'SELECT body FROM distribution_jobs WHERE account_id = ? AND region = ? AND run_id = ? AND job_key = ?',
        )
        .pluck(true),
      steps: db.prepare<[string, string, string, string], StepRow>(
        // INDEXED BY: without it SQLite prefers the primary key's run prefix (every step of the run).
        'SELECT * FROM distribution_steps INDEXED BY distribution_steps_job WHERE account_id = ? AND region = ? AND run_id = ? AND job_key IN (SELECT value FROM json_each(?))',
      ),
      ids: db.prepare<[string, string, string, string], { step_execution_id: string; job_key: string }>(
        'SELECT step_execution_id, job_key FROM workflow_step_executions INDEXED BY workflow_step_executions_job WHERE account_id = ? AND region = ? AND run_id = ? AND job_key IN (SELECT value FROM json_each(?))',
      ),
      tallies: db.prepare<[string, string, string], JobTally>(
        `SELECT job_key AS jobKey, COUNT(*) AS steps, SUM(status = 'succeeded') AS succeeded, SUM(status = 'failed') AS failed,
                SUM(status = 'skipped') AS skipped, SUM(status = 'cancelled') AS cancelled,
                SUM(status = 'running' OR status = 'succeeded' OR attempts > 0) AS started
         FROM distribution_steps WHERE account_id = ? AND region = ? AND run_id = ? GROUP BY job_key`,
      ),
    };
  }

  summary(scope: Scope, runId: string): RunSummary | undefined {
    const r = this.s.summary.get(scope.accountId, scope.region, runId);
    return r ? summary(r) : undefined;
  }

  runIdsOfImageFamily(scope: Scope, imageArn: string): string[] {
    return this.s.family.all(scope.accountId, scope.region, imageArn, imageArn, imageArn);
  }

  scopeOfRun(runId: string): Scope | undefined {
    const r = this.s.scopeOf.get(runId);
    return r ? { accountId: r.account_id, region: r.region } : undefined;
  }

  summariesOfImage(scope: Scope, imageArn: string): RunSummary[] {
    return this.s.summariesOfImage.all(scope.accountId, scope.region, imageArn).map(summary);
  }

  /** Jobs [from, to) of a run, in plan order. */
  jobs(scope: Scope, runId: string, from: number, to: number): PlannedJob[] {
    return this.s.jobs.all(scope.accountId, scope.region, runId, from, to).map((v) => JSON.parse(v) as PlannedJob);
  }

  /** One job of a run by its key. */
  job(scope: Scope, runId: string, jobKey: string): PlannedJob | undefined {
    const v = this.s.job.get(scope.accountId, scope.region, runId, jobKey);
    return v === undefined ? undefined : (JSON.parse(v) as PlannedJob);
  }

  /** The steps of the given jobs, in the order the run's step list has them (by step key). */
  stepsOfJobs(scope: Scope, runId: string, jobKeys: string[]): StepRecord[] {
    return this.s.steps.all(scope.accountId, scope.region, runId, JSON.stringify(jobKeys)).map(stepFromRow);
  }

  /** The workflow step-execution id of each of the given jobs. */
  jobIds(scope: Scope, runId: string, jobKeys: string[]): Map<string, string> {
    return new Map(this.s.ids.all(scope.accountId, scope.region, runId, JSON.stringify(jobKeys)).map((r) => [r.job_key, r.step_execution_id]));
  }

  /** Per-job step tallies of a run (jobs without steps are absent). */
  tallies(scope: Scope, runId: string): JobTally[] {
    return this.s.tallies.all(scope.accountId, scope.region, runId);
  }
}

const byDb = new WeakMap<Db, SqliteRunPages>();

/** The paged reads over `db` (statements prepared once per database). */
export function runPages(db: Db): RunPages {
  let p = byDb.get(db);
  if (!p) byDb.set(db, (p = new SqliteRunPages(db)));
  return p;
}
