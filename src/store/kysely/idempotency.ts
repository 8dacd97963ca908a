// The IdempotencyStore on Kysely (table idempotency_records). A second first use of one token
// (two nodes at once) loses with StoreConflict instead of overwriting the winner's response.
import type { Kysely, Transaction } from 'kysely';
import { StoreConflict, type AsyncIdempotencyStore } from '../async-ports.js';
import { isDuplicateKey } from './conflict.js';
import type { Schema } from './schema.js';

export function kyselyIdempotencyStore(db: Kysely<Schema> | Transaction<Schema>): AsyncIdempotencyStore {
  return {
    get: async (s, op, token) => {
      const r = await db
        .selectFrom('idempotency_records')
        .select(['request_hash', 'response'])
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('operation', '=', op)
        .where('client_token', '=', token)
        .executeTakeFirst();
      return r ? { requestHash: r.request_hash, response: JSON.parse(r.response) as unknown } : undefined;
    },
    put: async (s, op, token, rec) => {
      try {
        await db
          .insertInto('idempotency_records')
          .values({
            account_id: s.accountId,
            region: s.region,
            operation: op,
            client_token: token,
            request_hash: rec.requestHash,
            response: JSON.stringify(rec.response),
            created_at: new Date().toISOString(),
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('idempotency_records');
        throw e;
      }
    },
  };
}
