// Rollouts on Kysely (table rollouts): the whole state of a rollout as one JSON row, written in
// the same transaction (`Stores.tx`) as the run a ring starts.
import type { Kysely, Transaction } from 'kysely';
import type { AsyncRolloutStore, RolloutDocument } from '../async-ports.js';
import type { Schema } from './schema.js';

/** Rollouts that advance by themselves. */
const ACTIVE = ['running', 'soaking'];

const parse = <R extends RolloutDocument>(r: { body: string }): R => JSON.parse(r.body) as R;

export function kyselyRolloutStore(db: Kysely<Schema> | Transaction<Schema>): AsyncRolloutStore {
  return {
    put: async (r) => {
      const change = { status: r.status, body: JSON.stringify(r) };
      await db
        .insertInto('rollouts')
        .values({ rollout_id: r.rolloutId, account_id: r.scope.accountId, region: r.scope.region, created_at: r.createdAt, ...change })
        .onConflict((oc) => oc.column('rollout_id').doUpdateSet(change))
        .execute();
    },
    get: async <R extends RolloutDocument>(id: string) => {
      const r = await db.selectFrom('rollouts').select('body').where('rollout_id', '=', id).executeTakeFirst();
      return r ? parse<R>(r) : undefined;
    },
    list: async <R extends RolloutDocument>() =>
      (await db.selectFrom('rollouts').select('body').orderBy('created_at').orderBy('rollout_id').execute()).map((r) => parse<R>(r)),
    active: async <R extends RolloutDocument>() =>
      (await db.selectFrom('rollouts').select('body').where('status', 'in', ACTIVE).orderBy('created_at').orderBy('rollout_id').execute()).map((r) =>
        parse<R>(r),
      ),
  };
}
