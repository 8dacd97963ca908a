// The simulated world's rows on Kysely (tables world_resources and world_meta): every record one
// JSON row keyed (account_id, region, kind, id), settings by key.
import type { Kysely, Transaction } from 'kysely';
import type { Kind } from '../../cloud/simulated/records.js';
import type { AsyncWorldRows } from '../async-ports.js';
import type { Schema } from './schema.js';

export function kyselyWorldRows(db: Kysely<Schema> | Transaction<Schema>): AsyncWorldRows {
  const row = (kind: Kind, accountId: string, region: string) =>
    db.deleteFrom('world_resources').where('account_id', '=', accountId).where('region', '=', region).where('kind', '=', kind);
  return {
    put: async (kind, accountId, region, id, body) => {
      const text = JSON.stringify(body);
      await db
        .insertInto('world_resources')
        .values({ account_id: accountId, region, kind, id, body: text })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'kind', 'id']).doUpdateSet({ body: text }))
        .execute();
    },
    get: async <T>(kind: Kind, accountId: string, region: string, id: string) => {
      const r = await db
        .selectFrom('world_resources')
        .select('body')
        .where('account_id', '=', accountId)
        .where('region', '=', region)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .executeTakeFirst();
      return r ? (JSON.parse(r.body) as T) : undefined;
    },
    delete: async (kind, accountId, region, id) => {
      await row(kind, accountId, region).where('id', '=', id).execute();
    },
    deleteRange: async (kind, accountId, region, from, to) => {
      await row(kind, accountId, region).where('id', '>=', from).where('id', '<', to).execute();
    },
    all: async () =>
      (
        await db
          .selectFrom('world_resources')
          .select(['kind', 'body'])
          .where('kind', '<>', 'token')
          .orderBy('account_id')
          .orderBy('region')
          .orderBy('kind')
          .orderBy('id')
          .execute()
      ).map((r) => ({ kind: r.kind as Kind, body: JSON.parse(r.body) as unknown })),
    clear: async () => {
      await db.deleteFrom('world_resources').execute();
    },
    getMeta: async <T>(key: string) => {
      const r = await db.selectFrom('world_meta').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (JSON.parse(r.value) as T) : undefined;
    },
    setMeta: async (key, value) => {
      const text = JSON.stringify(value);
      await db
        .insertInto('world_meta')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute();
    },
  };
}
