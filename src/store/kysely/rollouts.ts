// Rollouts on Kysely (table rollouts): the whole state of a rollout as one JSON row, written in
// the same transaction (`Stores.tx`) as the run a ring starts.
import type { Kysely, Transaction } from 'kysely';
import type { AsyncRolloutStore } from '../async-ports.js';
import type { Rollout } from '../records.js';
import type { Schema } from './schema.js';

/** Rollouts that advance by themselves. */
const ACTIVE = ['running', 'soaking'];

const parse = (r: { body: string }): Rollout => JSON.parse(r.body) as Rollout;

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
    get: async (id) => {
      const r = await db.selectFrom('rollouts').select('body').where('rollout_id', '=', id).executeTakeFirst();
      return r ? parse(r) : undefined;
    },
    list: async () => (await db.selectFrom('rollouts').select('body').orderBy('created_at').orderBy('rollout_id').execute()).map(parse),
    active: async () =>
      (await db.selectFrom('rollouts').select('body').where('status', 'in', ACTIVE).orderBy('created_at').orderBy('rollout_id').execute()).map(parse),
  };
}
