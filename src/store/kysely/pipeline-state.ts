// The scheduler's per-pipeline state on Kysely (table pipeline_state), one upsert per write.
import type { Kysely, Transaction } from 'kysely';
import type { AsyncPipelineStateStore } from '../async-ports.js';
import type { Schema } from './schema.js';

export function kyselyPipelineStateStore(db: Kysely<Schema> | Transaction<Schema>): AsyncPipelineStateStore {
  return {
    get: async (s, arn) => {
      const r = await db
        .selectFrom('pipeline_state')
        .selectAll()
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('pipeline_arn', '=', arn)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        checkedUntil: Number(r.checked_until),
        consecutiveFailures: Number(r.consecutive_failures),
        ...(r.fingerprint !== null ? { fingerprint: r.fingerprint } : {}),
      };
    },
    put: async (s, arn, st) => {
      const values = { checked_until: st.checkedUntil, fingerprint: st.fingerprint ?? null, consecutive_failures: st.consecutiveFailures };
      await db
        .insertInto('pipeline_state')
        .values({ account_id: s.accountId, region: s.region, pipeline_arn: arn, ...values })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'pipeline_arn']).doUpdateSet(values))
        .execute();
    },
    delete: async (s, arn) => {
      await db.deleteFrom('pipeline_state').where('account_id', '=', s.accountId).where('region', '=', s.region).where('pipeline_arn', '=', arn).execute();
    },
  };
}
