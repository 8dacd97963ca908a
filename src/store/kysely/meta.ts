// Service-wide values on Kysely (table meta). The first writer of a key wins on every node
// (INSERT … ON CONFLICT DO NOTHING, then read back), so all nodes sign pagination tokens alike;
// `set` replaces (the world clock's offset).
import type { Kysely, Transaction } from 'kysely';
import type { AsyncMetaStore } from '../async-ports.js';
import type { Schema } from './schema.js';

export function kyselyMetaStore(db: Kysely<Schema> | Transaction<Schema>): AsyncMetaStore {
  const read = async (key: string) => (await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  return {
    value: async (key, make) => {
      const found = await read(key);
      if (found !== undefined) return found;
      await db
        .insertInto('meta')
        .values({ key, value: make() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return (await read(key))!;
    },
    get: read,
    set: async (key, value) => {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
