// Lifecycle policies, their executions and the resources each acts on, and resource policies, on
// Kysely (tables lifecycle_policies, lifecycle_executions, lifecycle_resources, resource_policies):
// wire-shaped JSON bodies keyed by scope first.
import type { Kysely, Transaction } from 'kysely';
import { StoreConflict, type AsyncLifecycleStore } from '../async-ports.js';
import type { ResourceRow, StoredExecution, StoredLifecyclePolicy } from '../records.js';
import { isDuplicateKey } from './conflict.js';
import type { Schema } from './schema.js';

/** An execution not yet finished. */
const UNFINISHED = ['IN_PROGRESS', 'CANCELLING', 'PENDING'];

export function kyselyLifecycleStore(db: Kysely<Schema> | Transaction<Schema>): AsyncLifecycleStore {
  return {
    getPolicy: async (s, arn) => {
      const r = await db
        .selectFrom('lifecycle_policies')
        .select('body')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return r ? (JSON.parse(r.body) as StoredLifecyclePolicy) : undefined;
    },
    putPolicy: async (s, p) => {
      const body = JSON.stringify(p);
      await db
        .insertInto('lifecycle_policies')
        .values({ account_id: s.accountId, region: s.region, arn: p.arn, name: p.name, body })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'arn']).doUpdateSet({ body }))
        .execute();
    },
    deletePolicy: async (s, arn) => {
      const r = await db
        .deleteFrom('lifecycle_policies')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    listPolicies: async (s) =>
      (
        await db.selectFrom('lifecycle_policies').select('body').where('account_id', '=', s.accountId).where('region', '=', s.region).orderBy('arn').execute()
      ).map((r) => JSON.parse(r.body) as StoredLifecyclePolicy),
    allPolicies: async () =>
      (await db.selectFrom('lifecycle_policies').select(['account_id', 'region', 'body']).orderBy('account_id').orderBy('region').orderBy('arn').execute()).map(
        (r) => ({ scope: { accountId: r.account_id, region: r.region }, policy: JSON.parse(r.body) as StoredLifecyclePolicy }),
      ),

    getExecution: async (s, id) => {
      const r = await db
        .selectFrom('lifecycle_executions')
        .select('body')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? (JSON.parse(r.body) as StoredExecution) : undefined;
    },
    putExecution: async (s, e) => {
      const x = e.execution;
      const change = { status: x.state?.status ?? 'IN_PROGRESS', body: JSON.stringify(e) };
      await db
        .insertInto('lifecycle_executions')
        .values({ account_id: s.accountId, region: s.region, id: x.lifecycleExecutionId, resource_arn: e.resourceArn, start_time: x.startTime ?? 0, ...change })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'id']).doUpdateSet(change))
        .execute();
    },
    executionsOf: async (s, resourceArn) =>
      (
        await db
          .selectFrom('lifecycle_executions')
          .select('body')
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('resource_arn', '=', resourceArn)
          .orderBy('start_time', 'desc')
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => JSON.parse(r.body) as StoredExecution),
    unfinished: async () =>
      (
        await db
          .selectFrom('lifecycle_executions')
          .select(['account_id', 'region', 'body'])
          .where('status', 'in', UNFINISHED)
          .orderBy('start_time')
          .orderBy('id')
          .execute()
      ).map((r) => ({ scope: { accountId: r.account_id, region: r.region }, execution: JSON.parse(r.body) as StoredExecution })),

    insertResource: async (s, executionId, row) => {
      try {
        await db
          .insertInto('lifecycle_resources')
          .values({
            account_id: s.accountId,
            region: s.region,
            execution_id: executionId,
            seq: row.seq,
            parent_id: row.parentId,
            status: row.resource.state?.status ?? 'IN_PROGRESS',
            body: JSON.stringify(row),
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('lifecycle_resources');
        throw e;
      }
    },
    putResource: async (s, executionId, row) => {
      await db
        .updateTable('lifecycle_resources')
        .set({ status: row.resource.state?.status ?? 'IN_PROGRESS', body: JSON.stringify(row) })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('execution_id', '=', executionId)
        .where('seq', '=', row.seq)
        .execute();
    },
    resources: async (s, executionId, parentId) => {
      let q = db
        .selectFrom('lifecycle_resources')
        .select('body')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('execution_id', '=', executionId);
      if (parentId !== undefined) q = q.where('parent_id', '=', parentId);
      return (await q.orderBy('seq').execute()).map((r) => JSON.parse(r.body) as ResourceRow);
    },

    getResourcePolicy: async (s, arn) => {
      const r = await db
        .selectFrom('resource_policies')
        .select(['policy', 'principals'])
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return r ? { policy: r.policy, principals: JSON.parse(r.principals) as string[] } : undefined;
    },
    putResourcePolicy: async (s, arn, rec) => {
      const change = { policy: rec.policy, principals: JSON.stringify(rec.principals) };
      await db
        .insertInto('resource_policies')
        .values({ account_id: s.accountId, region: s.region, arn, ...change })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'arn']).doUpdateSet(change))
        .execute();
    },
    deleteResourcePolicy: async (s, arn) => {
      await db.deleteFrom('resource_policies').where('account_id', '=', s.accountId).where('region', '=', s.region).where('arn', '=', arn).execute();
    },
    sharedWith: async (region, accountId) =>
      (
        await db
          .selectFrom('resource_policies')
          .select(['account_id', 'arn', 'principals'])
          .where('region', '=', region)
          .orderBy('account_id')
          .orderBy('arn')
          .execute()
      )
        .filter((r) => (JSON.parse(r.principals) as string[]).includes(accountId))
        .map((r) => ({ ownerAccountId: r.account_id, arn: r.arn })),
  };
}
