// Distribution runs and their steps on Kysely (tables distribution_runs, distribution_jobs,
// distribution_steps, workflow_step_executions). A step is claimed with one conditional UPDATE
// (pending → running), which in PostgreSQL also settles two nodes claiming one step: the second
// UPDATE waits for the first and then matches nothing. A crash leaves at worst a 'running' step,
// which recovery returns to 'pending' (its cloud call is idempotent by token).
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { PlannedJob } from '../../engine/plan.js';
import type { CompactedRun, RunRecord, RunStatus } from '../../engine/run-ports.js';
import type { StepRecord, StepStatus } from '../../engine/step-inputs.js';
import type { AsyncRunStore } from '../async-ports.js';
import { atomically } from './atomically.js';
import { conflictAs } from './conflict.js';
import { chunks } from './chunk.js';
import type { DistributionRunsTable, DistributionStepsTable, Schema } from './schema.js';

/** A step from its row; the input and output JSON are what the plan and the step of `kind` wrote. */
export function stepFromRow(r: Selectable<DistributionStepsTable>): StepRecord {
  const retries = Number(r.retries);
  return {
    key: r.step_key,
    jobKey: r.job_key,
    kind: r.kind as StepRecord['kind'],
    accountId: r.target_account,
    region: r.target_region,
    dependsOn: JSON.parse(r.depends_on) as string[],
    input: JSON.parse(r.input) as StepRecord['input'],
    status: r.status as StepStatus,
    attempts: Number(r.attempts),
    ...(retries ? { retries } : {}),
    ...(r.next_attempt_at !== null ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.output !== null ? { output: JSON.parse(r.output) as StepRecord['output'] } : {}),
    ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
    ...(r.error !== null ? { error: r.error } : {}),
    ...(r.started_at !== null ? { startedAt: r.started_at } : {}),
    ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}),
  } as StepRecord;
}

function runFromRow(r: Selectable<DistributionRunsTable>): RunRecord {
  return {
    scope: { accountId: r.account_id, region: r.region },
    runId: r.run_id,
    imageArn: r.image_arn,
    attempt: Number(r.attempt),
    status: r.status as RunStatus,
    planInput: JSON.parse(r.plan_input) as unknown,
    jobs: JSON.parse(r.jobs) as PlannedJob[],
    startTime: r.start_time,
    ...(r.end_time !== null ? { endTime: r.end_time } : {}),
    ...(r.compacted !== null ? { compacted: JSON.parse(r.compacted) as CompactedRun } : {}),
  };
}

/** How many jobs a run has: its rows in distribution_jobs (one per job, written with the run). */
export function jobCountOf(eb: ExpressionBuilder<Schema & { r: DistributionRunsTable }, 'r'>) {
  return eb
    .selectFrom('distribution_jobs as j')
    .select((e) => e.fn.countAll<string | number>().as('n'))
    .whereRef('j.account_id', '=', 'r.account_id')
    .whereRef('j.region', '=', 'r.region')
    .whereRef('j.run_id', '=', 'r.run_id')
    .as('job_count');
}

export function kyselyRunStore(db: Kysely<Schema> | Transaction<Schema>): AsyncRunStore {
  const runs = (accountId: string, region: string) =>
    db.selectFrom('distribution_runs').selectAll().where('account_id', '=', accountId).where('region', '=', region);
  const step = (accountId: string, region: string, runId: string, key: string) =>
    db
      .updateTable('distribution_steps')
      .where('account_id', '=', accountId)
      .where('region', '=', region)
      .where('run_id', '=', runId)
      .where('step_key', '=', key);
  return {
    createRun: (run, steps) =>
      conflictAs(
        'distribution_runs',
        atomically(db, async (trx) => {
          const { accountId, region } = run.scope;
          const workflowStepId = (run.planInput as { workflowStepId?: string }).workflowStepId ?? null;
          await trx
            .insertInto('distribution_runs')
            .values({
              account_id: accountId,
              region,
              run_id: run.runId,
              image_arn: run.imageArn,
              attempt: run.attempt,
              status: 'running',
              plan_input: JSON.stringify(run.planInput),
              jobs: JSON.stringify(run.jobs),
              start_time: run.startTime,
              end_time: null,
              compacted: null,
              workflow_step_id: workflowStepId,
            })
            .execute();
          const jobs = run.jobs.map((job, position) => ({ job, position }));
          for (const part of chunks(jobs)) {
            await trx
              .insertInto('distribution_jobs')
              .values(
                part.map(({ job, position }) => ({ account_id: accountId, region, run_id: run.runId, position, job_key: job.key, body: JSON.stringify(job) })),
              )
              .execute();
            await trx
              .insertInto('workflow_step_executions')
              .values(
                part.map(({ job }) => ({ account_id: accountId, region, step_execution_id: `step-${randomUUID()}`, run_id: run.runId, job_key: job.key })),
              )
              .execute();
          }
          for (const part of chunks(steps))
            await trx
              .insertInto('distribution_steps')
              .values(
                part.map((st) => ({
                  account_id: accountId,
                  region,
                  run_id: run.runId,
                  step_key: st.key,
                  job_key: st.jobKey,
                  kind: st.kind,
                  target_account: st.accountId,
                  target_region: st.region,
                  depends_on: JSON.stringify(st.dependsOn),
                  input: JSON.stringify(st.input),
                  status: st.status,
                  attempts: st.attempts,
                  output: st.output ? JSON.stringify(st.output) : null,
                  error_code: st.errorCode ?? null,
                  error: st.error ?? null,
                  started_at: st.startedAt ?? null,
                  ended_at: st.endedAt ?? null,
                  retries: 0,
                  next_attempt_at: null,
                })),
              )
              .execute();
        }),
      ),
    getRun: async (s, runId) => {
      const r = await runs(s.accountId, s.region).where('run_id', '=', runId).executeTakeFirst();
      return r ? runFromRow(r) : undefined;
    },
    runsOfImage: async (s, imageArn) => (await runs(s.accountId, s.region).where('image_arn', '=', imageArn).orderBy('attempt').execute()).map(runFromRow),
    unfinishedRuns: async () =>
      (
        await db.selectFrom('distribution_runs').selectAll().where('status', '=', 'running').orderBy('account_id').orderBy('region').orderBy('run_id').execute()
      ).map(runFromRow),
    steps: async (s, runId) =>
      (
        await db
          .selectFrom('distribution_steps')
          .selectAll()
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('run_id', '=', runId)
          .orderBy('step_key')
          .execute()
      ).map(stepFromRow),
    claim: async (s, runId, key, now) => {
      const r = await step(s.accountId, s.region, runId, key)
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          next_attempt_at: null,
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
        }))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    finish: async (s, runId, key, status, now, output, err) => {
      await step(s.accountId, s.region, runId, key)
        .set({
          status,
          output: output === undefined ? null : JSON.stringify(output),
          error_code: err?.code ?? null,
          error: err?.message ?? null,
          ended_at: now,
        })
        .execute();
    },
    release: async (s, runId, key, next, output, err) => {
      await step(s.accountId, s.region, runId, key)
        .set({
          status: 'pending',
          output: output === undefined ? null : JSON.stringify(output),
          error_code: err?.code ?? null,
          error: err?.message ?? null,
          retries: next.retries,
          next_attempt_at: next.at,
        })
        .where('status', '=', 'running')
        .execute();
    },
    recover: async (s, runId) => {
      const r = await db
        .updateTable('distribution_steps')
        .set({ status: 'pending' })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('run_id', '=', runId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    jobIds: async (s, runId) => {
      const rows = await db
        .selectFrom('workflow_step_executions')
        .select(['step_execution_id', 'job_key'])
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('run_id', '=', runId)
        .execute();
      return new Map(rows.map((r) => [r.job_key, r.step_execution_id]));
    },
    findStepExecution: async (s, id) => {
      const r = await db
        .selectFrom('workflow_step_executions')
        .select(['run_id', 'job_key'])
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('step_execution_id', '=', id)
        .executeTakeFirst();
      return r ? { runId: r.run_id, jobKey: r.job_key } : undefined;
    },
    endRun: async (s, runId, status, now) => {
      await db
        .updateTable('distribution_runs')
        .set({ status, end_time: now })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('run_id', '=', runId)
        .execute();
    },
    compactable: async (cutoff, limit) =>
      (
        await db
          .selectFrom('distribution_runs as r')
          .select((eb) => ['r.account_id', 'r.region', 'r.run_id', jobCountOf(eb)])
          // Custom workflows read their runs' steps when they go on; their runs are never compacted.
          .where('r.compacted', 'is', null)
          .where('r.end_time', 'is not', null)
          .where('r.workflow_step_id', 'is', null)
          .where('r.end_time', '<=', cutoff)
          .where('r.status', '!=', 'running')
          .orderBy('r.end_time')
          .orderBy('r.run_id')
          .limit(limit)
          .execute()
      ).map((r) => ({ scope: { accountId: r.account_id, region: r.region }, runId: r.run_id, jobCount: Number(r.job_count) })),
    compact: (s, runId, kept) =>
      atomically(db, async (trx) => {
        const marked = await trx
          .updateTable('distribution_runs')
          .set({ compacted: JSON.stringify(kept) })
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('run_id', '=', runId)
          .where('status', '!=', 'running')
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) return false;
        for (const table of ['distribution_steps', 'workflow_step_executions'] as const)
          await trx.deleteFrom(table).where('account_id', '=', s.accountId).where('region', '=', s.region).where('run_id', '=', runId).execute();
        return true;
      }),
  };
}
