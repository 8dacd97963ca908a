// The DistributionConfigurationStore on Kysely (table distribution_configurations), one query
// per call, the same in SQLite and PostgreSQL.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Scope } from '../../domain/scope.js';
import type { Distribution } from '../../model/generated/types.js';
import { StoreConflict, type AsyncDistributionConfigurationStore } from '../async-ports.js';
import type { DistributionConfigurationRecord } from '../ports.js';
import { isDuplicateKey } from './conflict.js';
import type { DistributionConfigurationsTable, Schema } from './schema.js';

function fromRow(r: Selectable<DistributionConfigurationsTable>): DistributionConfigurationRecord {
  const rec: DistributionConfigurationRecord = {
    id: r.id,
    arn: r.arn,
    name: r.name,
    distributions: JSON.parse(r.distributions) as Distribution[],
    dateCreated: r.date_created,
  };
  if (r.description !== null) rec.description = r.description;
  if (r.date_updated !== null) rec.dateUpdated = r.date_updated;
  return rec;
}

export function kyselyDistributionConfigurationStore(db: Kysely<Schema> | Transaction<Schema>): AsyncDistributionConfigurationStore {
  const inScope = (s: Scope) => db.selectFrom('distribution_configurations').where('account_id', '=', s.accountId).where('region', '=', s.region);
  return {
    get: async (s, id) => {
      const r = await inScope(s).selectAll().where('id', '=', id).executeTakeFirst();
      return r ? fromRow(r) : undefined;
    },
    insert: async (s, rec) => {
      try {
        await db
          .insertInto('distribution_configurations')
          .values({
            account_id: s.accountId,
            region: s.region,
            id: rec.id,
            arn: rec.arn,
            name: rec.name,
            description: rec.description ?? null,
            distributions: JSON.stringify(rec.distributions),
            date_created: rec.dateCreated,
            date_updated: null,
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('distribution_configurations');
        throw e;
      }
    },
    update: async (s, id, c) => {
      const r = await db
        .updateTable('distribution_configurations')
        .set({ description: c.description ?? null, distributions: JSON.stringify(c.distributions), date_updated: c.dateUpdated })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    delete: async (s, id) => {
      const r = await db
        .deleteFrom('distribution_configurations')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    count: async (s) => {
      const r = await inScope(s)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    list: async (s, q) => {
      let query = inScope(s)
        .selectAll()
        .where('id', '>', q.afterId ?? '');
      if (q.names) {
        if (q.names.length === 0) return [];
        query = query.where('name', 'in', q.names);
      }
      return (await query.orderBy('id').limit(q.limit).execute()).map(fromRow);
    },
  };
}
