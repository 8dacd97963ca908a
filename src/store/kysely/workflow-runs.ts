// Custom workflow executions and their steps on Kysely (tables workflow_executions and
// workflow_steps). Every transition is one UPDATE, so a restart (or another node) finds each
// execution where it stopped.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AsyncWorkflowRunStore } from '../async-ports.js';
import type { ExecutionRecord, ExecutionStatus, RollbackStatus, WorkflowStepRecord, WorkflowStepStatus } from '../records.js';
import { atomically } from './atomically.js';
import { conflictAs } from './conflict.js';
import type { Schema, WorkflowExecutionsTable, WorkflowStepsTable } from './schema.js';

/** An execution that has not ended. */
const UNFINISHED = ['PENDING', 'RUNNING', 'ROLLBACK_IN_PROGRESS'];

const execFromRow = <S>(r: Selectable<WorkflowExecutionsTable>): ExecutionRecord<S> => ({
  scope: { accountId: r.account_id, region: r.region },
  executionId: r.execution_id,
  imageArn: r.image_arn,
  type: r.type as ExecutionRecord['type'],
  seq: Number(r.seq),
  workflowArn: r.workflow_arn,
  status: r.status as ExecutionStatus,
  spec: JSON.parse(r.spec) as S,
  ...(r.message !== null ? { message: r.message } : {}),
  ...(r.start_time !== null ? { startTime: r.start_time } : {}),
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
});

const stepFromRow = (r: Selectable<WorkflowStepsTable>): WorkflowStepRecord => ({
  scope: { accountId: r.account_id, region: r.region },
  stepExecutionId: r.step_execution_id,
  executionId: r.execution_id,
  idx: Number(r.idx),
  name: r.name,
  action: r.action,
  status: r.status as WorkflowStepStatus,
  ...(r.inputs !== null ? { inputs: JSON.parse(r.inputs) as Record<string, unknown> } : {}),
  ...(r.outputs !== null ? { outputs: JSON.parse(r.outputs) as Record<string, unknown> } : {}),
  ...(r.message !== null ? { message: r.message } : {}),
  ...(r.run_id !== null ? { runId: r.run_id } : {}),
  ...(r.deadline !== null ? { deadline: Number(r.deadline) } : {}),
  ...(r.start_time !== null ? { startTime: r.start_time } : {}),
  ...(r.end_time !== null ? { endTime: r.end_time } : {}),
  ...(r.rollback_status !== null ? { rollbackStatus: r.rollback_status as RollbackStatus } : {}),
});

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** The columns a step's transitions change. */
const stepChange = (st: WorkflowStepRecord) => ({
  status: st.status,
  inputs: json(st.inputs),
  outputs: json(st.outputs),
  message: st.message ?? null,
  run_id: st.runId ?? null,
  deadline: st.deadline ?? null,
  start_time: st.startTime ?? null,
  end_time: st.endTime ?? null,
  rollback_status: st.rollbackStatus ?? null,
});

export function kyselyWorkflowRunStore(db: Kysely<Schema> | Transaction<Schema>): AsyncWorkflowRunStore {
  const execs = () => db.selectFrom('workflow_executions').selectAll();
  const steps = (accountId: string, region: string) =>
    db.selectFrom('workflow_steps').selectAll().where('account_id', '=', accountId).where('region', '=', region);
  const countUnfinished = async (accountId: string, region: string, column: 'workflow_arn' | 'image_arn', value: string) => {
    const r = await db
      .selectFrom('workflow_executions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', '=', accountId)
      .where('region', '=', region)
      .where(column, '=', value)
      .where('status', 'in', UNFINISHED)
      .executeTakeFirstOrThrow();
    return Number(r.n) > 0;
  };
  return {
    insertExecution: (e, list) =>
      conflictAs(
        'workflow_executions',
        atomically(db, async (trx) => {
          const sc = e.scope;
          await trx
            .insertInto('workflow_executions')
            .values({
              account_id: sc.accountId,
              region: sc.region,
              execution_id: e.executionId,
              image_arn: e.imageArn,
              type: e.type,
              seq: e.seq,
              workflow_arn: e.workflowArn,
              status: e.status,
              spec: JSON.stringify(e.spec),
              message: e.message ?? null,
              start_time: e.startTime ?? null,
              end_time: e.endTime ?? null,
            })
            .execute();
          if (list.length === 0) return;
          await trx
            .insertInto('workflow_steps')
            .values(
              list.map((st) => ({
                account_id: sc.accountId,
                region: sc.region,
                step_execution_id: st.stepExecutionId,
                execution_id: e.executionId,
                idx: st.idx,
                name: st.name,
                action: st.action,
                ...stepChange(st),
              })),
            )
            .execute();
        }),
      ),
    updateExecution: async (e) => {
      await db
        .updateTable('workflow_executions')
        .set({ status: e.status, message: e.message ?? null, start_time: e.startTime ?? null, end_time: e.endTime ?? null })
        .where('account_id', '=', e.scope.accountId)
        .where('region', '=', e.scope.region)
        .where('execution_id', '=', e.executionId)
        .execute();
    },
    getExecution: async <S>(s: { accountId: string; region: string }, id: string) => {
      const r = await execs().where('account_id', '=', s.accountId).where('region', '=', s.region).where('execution_id', '=', id).executeTakeFirst();
      return r ? execFromRow<S>(r) : undefined;
    },
    executionsOf: async <S>(s: { accountId: string; region: string }, imageArn: string) =>
      (await execs().where('account_id', '=', s.accountId).where('region', '=', s.region).where('image_arn', '=', imageArn).orderBy('seq').execute()).map((r) =>
        execFromRow<S>(r),
      ),
    unfinished: async <S>() =>
      (await execs().where('status', 'in', UNFINISHED).orderBy('seq').orderBy('account_id').orderBy('region').orderBy('execution_id').execute()).map((r) =>
        execFromRow<S>(r),
      ),
    updateStep: async (st) => {
      await db
        .updateTable('workflow_steps')
        .set(stepChange(st))
        .where('account_id', '=', st.scope.accountId)
        .where('region', '=', st.scope.region)
        .where('step_execution_id', '=', st.stepExecutionId)
        .execute();
    },
    getStep: async (s, id) => {
      const r = await steps(s.accountId, s.region).where('step_execution_id', '=', id).executeTakeFirst();
      return r ? stepFromRow(r) : undefined;
    },
    steps: async (s, executionId) => (await steps(s.accountId, s.region).where('execution_id', '=', executionId).orderBy('idx').execute()).map(stepFromRow),
    waiting: async (s) =>
      (
        await steps(s.accountId, s.region)
          .where('status', '=', 'WAITING')
          .orderBy('start_time', (o) => o.asc().nullsFirst())
          .orderBy('step_execution_id')
          .execute()
      ).map(stepFromRow),
    allWaitingWithDeadline: async () =>
      (
        await db
          .selectFrom('workflow_steps')
          .selectAll()
          .where('status', '=', 'WAITING')
          .where('deadline', 'is not', null)
          .orderBy('deadline')
          .orderBy('step_execution_id')
          .execute()
      ).map(stepFromRow),
    unfinishedOf: (s, workflowArn) => countUnfinished(s.accountId, s.region, 'workflow_arn', workflowArn),
    hasUnfinished: (s, imageArn) => countUnfinished(s.accountId, s.region, 'image_arn', imageArn),
    stepOfRun: async (s, runId) => {
      const r = await steps(s.accountId, s.region).where('run_id', '=', runId).orderBy('step_execution_id').executeTakeFirst();
      return r ? stepFromRow(r) : undefined;
    },
  };
}
