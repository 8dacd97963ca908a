// One transaction for a store method that writes several rows (a run and its steps): inside the
// caller's transaction (`Stores.tx`) it joins it, otherwise it opens its own.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

export function atomically<T>(db: Kysely<Schema> | Transaction<Schema>, fn: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
