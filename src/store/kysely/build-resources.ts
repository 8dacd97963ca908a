// The build-input store on Kysely (table build_resources): the wire record as JSON, keyed by ARN.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Scope } from '../../domain/scope.js';
import { StoreConflict, type AsyncBuildResourceStore, type BuildResourceRecord } from '../async-ports.js';
import { isDuplicateKey } from './conflict.js';
import type { BuildResourcesTable, Schema } from './schema.js';

const fromRow = <T>(r: Selectable<BuildResourcesTable>): BuildResourceRecord<T> => ({
  arn: r.arn,
  id: r.id,
  version: r.version,
  buildNumber: Number(r.build_number),
  body: JSON.parse(r.body) as T,
  dateCreated: r.date_created,
});

export function kyselyBuildResourceStore(db: Kysely<Schema> | Transaction<Schema>): AsyncBuildResourceStore {
  const inScope = (s: Scope) => db.selectFrom('build_resources').selectAll().where('account_id', '=', s.accountId).where('region', '=', s.region);
  return {
    get: async <T>(s: Scope, arn: string) => {
      const r = await inScope(s).where('arn', '=', arn).executeTakeFirst();
      return r ? fromRow<T>(r) : undefined;
    },
    insert: async (s, type, rec) => {
      try {
        await db
          .insertInto('build_resources')
          .values({
            account_id: s.accountId,
            region: s.region,
            type,
            arn: rec.arn,
            id: rec.id,
            version: rec.version,
            build_number: rec.buildNumber,
            body: JSON.stringify(rec.body),
            date_created: rec.dateCreated,
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('build_resources');
        throw e;
      }
    },
    put: async (s, arn, body) => {
      const r = await db
        .updateTable('build_resources')
        .set({ body: JSON.stringify(body) })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    delete: async (s, arn) => {
      const r = await db
        .deleteFrom('build_resources')
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', arn)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    list: async <T>(s: Scope, type: string) =>
      (await inScope(s).where('type', '=', type).orderBy('id').orderBy('version').orderBy('build_number').execute()).map((r) => fromRow<T>(r)),
    versionsOf: async <T>(s: Scope, type: string, id: string) =>
      (await inScope(s).where('type', '=', type).where('id', '=', id).orderBy('version').orderBy('build_number').execute()).map((r) => fromRow<T>(r)),
    allPipelines: async () =>
      (
        await db.selectFrom('build_resources').selectAll().where('type', '=', 'image-pipeline').orderBy('account_id').orderBy('region').orderBy('arn').execute()
      ).map((r) => ({
        scope: { accountId: r.account_id, region: r.region },
        rec: fromRow(r),
      })),
  };
}
