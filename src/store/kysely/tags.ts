// The TagStore on Kysely (table resource_tags, one JSON map per ARN).
import type { Kysely, Transaction } from 'kysely';
import type { AsyncTagStore } from '../async-ports.js';
import type { Schema } from './schema.js';

/** IN lists are sent in chunks: both dialects cap bound parameters (SQLite at 32766). */
const CHUNK = 500;

export function kyselyTagStore(db: Kysely<Schema> | Transaction<Schema>): AsyncTagStore {
  return {
    get: async (s, arn) => {
      const r = await db
        .selectFrom('resource_tags')
        .select('tags')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return r ? (JSON.parse(r.tags) as Record<string, string>) : {};
    },
    getMany: async (s, arns) => {
      const out = new Map<string, Record<string, string>>(arns.map((a) => [a, {}]));
      for (let i = 0; i < arns.length; i += CHUNK) {
        const rows = await db
          .selectFrom('resource_tags')
          .select(['arn', 'tags'])
          .where('account_id', '=', s.accountId)
          .where('region', '=', s.region)
          .where('arn', 'in', arns.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) out.set(r.arn, JSON.parse(r.tags) as Record<string, string>);
      }
      return out;
    },
    set: async (s, arn, tags) => {
      await db
        .insertInto('resource_tags')
        .values({ account_id: s.accountId, region: s.region, arn, tags: JSON.stringify(tags) })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'arn']).doUpdateSet({ tags: JSON.stringify(tags) }))
        .execute();
    },
    delete: async (s, arn) => {
      await db.deleteFrom('resource_tags').where('account_id', '=', s.accountId).where('region', '=', s.region).where('arn', '=', arn).execute();
    },
    // LIKE is case-sensitive in PostgreSQL and not in SQLite; Image Builder ARNs are lower case.
    ofResourceType: async (type) =>
      (
        await db
          .selectFrom('resource_tags')
          .select(['account_id', 'region', 'arn', 'tags'])
          .where('arn', 'like', `arn:%:imagebuilder:%:${type}/%`)
          .orderBy('account_id')
          .orderBy('region')
          .orderBy('arn')
          .execute()
      ).map((r) => ({ scope: { accountId: r.account_id, region: r.region }, arn: r.arn, tags: JSON.parse(r.tags) as Record<string, string> })),
  };
}
