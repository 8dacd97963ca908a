// Reads of distribution runs that cost what they return, on Kysely: a run's summary without
// parsing its plan (its job count from distribution_jobs, in both dialects), a page of its jobs by
// position, the steps and step-execution ids of just those jobs (through the index of steps by job), and per-job step tallies
// aggregated in SQL. Read-only.
import { SqliteAdapter, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Scope } from '../../domain/scope.js';
import type { PlannedJob } from '../../engine/plan.js';
import type { CompactedRun, RunStatus, RunSummary } from '../../engine/run-ports.js';
import type { StepRecord } from '../../engine/step-inputs.js';
import type { AsyncRunPages } from '../async-ports.js';
import { CHUNK, chunks } from './chunk.js';
import { jobCountOf, stepFromRow } from './runs.js';
import type { DistributionRunsTable, DistributionStepsTable, Schema } from './schema.js';

type SummaryRow = Pick<Selectable<DistributionRunsTable>, 'run_id' | 'image_arn' | 'attempt' | 'status' | 'start_time' | 'end_time' | 'compacted'> & {
  job_count: string | number | null;
};

const summary = (r: SummaryRow): RunSummary => ({
  runId: r.run_id,
  imageArn: r.image_arn,
  attempt: Number(r.attempt),
  status: r.status as RunStatus,
  startTime: r.start_time,
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
  jobCount: Number(r.job_count),
  ...(r.compacted !== null ? { compacted: JSON.parse(r.compacted) as CompactedRun } : {}),
});

/** Bytewise, as both dialects order keys. */
const byKey = (a: StepRecord, b: StepRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** `n` in SQL as a number of rows matching `cond` (SUM of a CASE reads alike in both dialects). */
const countWhere = (cond: ReturnType<typeof sql>) => sql<string | number>`sum(case when ${cond} then 1 else 0 end)`;

export function kyselyRunPages(db: Kysely<Schema> | Transaction<Schema>): AsyncRunPages {
  // Without statistics SQLite prefers the primary key's run prefix (every step of the run) to the
  // index of steps by job, as store/sqlite/run-pages.ts found; PostgreSQL plans by its statistics.
  const stepsByJob = db.getExecutor().adapter instanceof SqliteAdapter ? sql`indexed by distribution_steps_job` : sql``;
  const summaries = (s: Scope) =>
    db
      .selectFrom('distribution_runs as r')
      .select((eb) => ['r.run_id', 'r.image_arn', 'r.attempt', 'r.status', 'r.start_time', 'r.end_time', 'r.compacted', jobCountOf(eb)])
      .where('r.account_id', '=', s.accountId)
      .where('r.region', '=', s.region);
  const jobRows = (s: Scope, runId: string) =>
    db.selectFrom('distribution_jobs').select('body').where('account_id', '=', s.accountId).where('region', '=', s.region).where('run_id', '=', runId);
  return {
    summary: async (s, runId) => {
      const r = await summaries(s).where('r.run_id', '=', runId).executeTakeFirst();
      return r ? summary(r) : undefined;
    },
    summariesOfImage: async (s, imageArn) => (await summaries(s).where('r.image_arn', '=', imageArn).orderBy('r.attempt').execute()).map(summary),
    // ibex's own runs for an image are keyed `<ARN>#ibex:…`: the ids in [`<ARN>#ibex:`, `<ARN>#ibex;`),
    // bytewise in both dialects, so the image index serves them.
    runIdsOfImageFamily: async (s, imageArn) =>
      (
        await db
          .selectFrom('distribution_runs')
          .select('run_id')
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where((eb) =>
            eb.or([eb('image_arn', '=', imageArn), eb.and([eb('image_arn', '>=', `${imageArn}#ibex:`), eb('image_arn', '<', `${imageArn}#ibex;`)])]),
          )
          .orderBy('start_time')
          .orderBy('attempt')
          .orderBy('run_id')
          .execute()
      ).map((r) => r.run_id),
    scopeOfRun: async (runId) => {
      const r = await db.selectFrom('distribution_runs').select(['account_id', 'region']).where('run_id', '=', runId).executeTakeFirst();
      return r ? { accountId: r.account_id, region: r.region } : undefined;
    },
    jobs: async (s, runId, from, to) =>
      (await jobRows(s, runId).where('position', '>=', from).where('position', '<', to).orderBy('position').execute()).map(
        (r) => JSON.parse(r.body) as PlannedJob,
      ),
    job: async (s, runId, jobKey) => {
      const r = await jobRows(s, runId).where('job_key', '=', jobKey).executeTakeFirst();
      return r ? (JSON.parse(r.body) as PlannedJob) : undefined;
    },
    stepsOfJobs: async (s, runId, jobKeys) => {
      const out: StepRecord[] = [];
      for (const keys of chunks(jobKeys)) {
        const { rows } = await sql<Selectable<DistributionStepsTable>>`
          select * from distribution_steps ${stepsByJob}
          where account_id = ${s.accountId} and region = ${s.region} and run_id = ${runId} and job_key in (${sql.join(keys)})
          order by step_key`.execute(db);
        out.push(...rows.map(stepFromRow));
      }
      return jobKeys.length > CHUNK ? out.sort(byKey) : out;
    },
    jobIds: async (s, runId, jobKeys) => {
      const out = new Map<string, string>();
      for (const keys of chunks(jobKeys)) {
        const rows = await db
          .selectFrom('workflow_step_executions')
          .select(['step_execution_id', 'job_key'])
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('run_id', '=', runId)
          .where('job_key', 'in', keys)
          .execute();
        for (const r of rows) out.set(r.job_key, r.step_execution_id);
      }
      return out;
    },
    tallies: async (s, runId) =>
      (
        await db
          .selectFrom('distribution_steps')
          .select((eb) => [
            'job_key',
            eb.fn.countAll<string | number>().as('steps'),
            countWhere(sql`status = 'succeeded'`).as('succeeded'),
            countWhere(sql`status = 'failed'`).as('failed'),
            countWhere(sql`status = 'skipped'`).as('skipped'),
            countWhere(sql`status = 'cancelled'`).as('cancelled'),
            countWhere(sql`status = 'running' or status = 'succeeded' or attempts > 0`).as('started'),
          ])
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('run_id', '=', runId)
          .groupBy('job_key')
          .orderBy('job_key')
          .execute()
      ).map((r) => ({
        jobKey: r.job_key,
        steps: Number(r.steps),
        succeeded: Number(r.succeeded),
        failed: Number(r.failed),
        skipped: Number(r.skipped),
        cancelled: Number(r.cancelled),
        started: Number(r.started),
      })),
  };
}
