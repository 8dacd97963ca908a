// Durable simulated builds on Kysely (table builds). The BUILD and TEST workflow execution ids
// are copied out of progress into their own columns on every write, so that finding a build by
// them is an indexed lookup in both dialects.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Scope } from '../../domain/scope.js';
import { StoreConflict, type AsyncBuildStore, type BuildPhase, type BuildRow } from '../async-ports.js';
import { isDuplicateKey } from './conflict.js';
import type { BuildsTable, Schema } from './schema.js';

const fromRow = <S, P>(r: Selectable<BuildsTable>): BuildRow<S, P> => ({
  scope: { accountId: r.account_id, region: r.region },
  imageArn: r.image_arn,
  phase: r.phase as BuildPhase,
  dueAt: Number(r.due_at),
  spec: JSON.parse(r.spec) as S,
  progress: JSON.parse(r.progress) as P,
});

/** The build's workflow ids as the columns any node finds a build by (also `ibex migrate-store`). */
export function workflowIds(progress: unknown): { build_workflow_id: string | null; test_workflow_id: string | null } {
  const p = (progress ?? {}) as { buildWorkflowId?: unknown; testWorkflowId?: unknown };
  return {
    build_workflow_id: typeof p.buildWorkflowId === 'string' ? p.buildWorkflowId : null,
    test_workflow_id: typeof p.testWorkflowId === 'string' ? p.testWorkflowId : null,
  };
}

export function kyselyBuildStore(db: Kysely<Schema> | Transaction<Schema>): AsyncBuildStore {
  return {
    insert: async (row) => {
      try {
        await db
          .insertInto('builds')
          .values({
            account_id: row.scope.accountId,
            region: row.scope.region,
            image_arn: row.imageArn,
            phase: row.phase,
            due_at: row.dueAt,
            spec: JSON.stringify(row.spec),
            progress: JSON.stringify(row.progress),
            ...workflowIds(row.progress),
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('builds');
        throw e;
      }
    },
    update: async (s, imageArn, phase, dueAt, progress) => {
      await db
        .updateTable('builds')
        .set({ phase, due_at: dueAt, progress: JSON.stringify(progress), ...workflowIds(progress) })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('image_arn', '=', imageArn)
        .execute();
    },
    get: async <S, P>(s: Scope, imageArn: string) => {
      const r = await db
        .selectFrom('builds')
        .selectAll()
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('image_arn', '=', imageArn)
        .executeTakeFirst();
      return r ? fromRow<S, P>(r) : undefined;
    },
    findByWorkflowId: async <S, P>(s: Scope, id: string) => {
      const r = await db
        .selectFrom('builds')
        .selectAll()
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where((eb) => eb.or([eb('build_workflow_id', '=', id), eb('test_workflow_id', '=', id)]))
        .executeTakeFirst();
      return r ? fromRow<S, P>(r) : undefined;
    },
    due: async <S, P>(now: number, limit: number) =>
      (
        await db
          .selectFrom('builds')
          .selectAll()
          .where('phase', '!=', 'DONE')
          .where('due_at', '<=', now)
          .orderBy('due_at')
          .orderBy('image_arn')
          .limit(limit)
          .execute()
      ).map((r) => fromRow<S, P>(r)),
  };
}
