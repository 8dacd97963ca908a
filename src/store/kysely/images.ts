// The image store on Kysely (table images): the wire `Image` as JSON plus the columns that
// identify and order builds; the unique build index turns two nodes numbering one version at
// once into a StoreConflict for the second.
import type { Kysely, Transaction } from 'kysely';
import type { Scope } from '../../domain/scope.js';
import type { Image } from '../../model/generated/types.js';
import { StoreConflict, type AsyncImageStore } from '../async-ports.js';
import { parseStored } from '../sqlite/rows.js';
import { isDuplicateKey } from './conflict.js';
import type { Schema } from './schema.js';

/** The states an image leaves by itself (start-up recovery resumes them). */
const ACTIVE = ['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING'];

const parse = (r: { arn: string; body: string }): Image => parseStored<Image>('images', r.arn, r.body);

export function kyselyImageStore(db: Kysely<Schema> | Transaction<Schema>): AsyncImageStore {
  const inScope = (s: Scope) => db.selectFrom('images').where('account_id', '=', s.accountId).where('region', '=', s.region);
  return {
    get: async (s, arn) => {
      const r = await inScope(s).select(['arn', 'body']).where('arn', '=', arn).executeTakeFirst();
      return r ? parse(r) : undefined;
    },
    insert: async (s, image, n) => {
      try {
        await db
          .insertInto('images')
          .values({
            account_id: s.accountId,
            region: s.region,
            arn: image.arn,
            name: image.name,
            version: image.version.split('/')[0]!,
            build_number: n,
            status: image.state?.status ?? 'PENDING',
            body: JSON.stringify(image),
            date_created: image.dateCreated ?? new Date().toISOString(),
          })
          .execute();
      } catch (e) {
        if (isDuplicateKey(e)) throw new StoreConflict('images');
        throw e;
      }
    },
    put: async (s, image) => {
      await db
        .updateTable('images')
        .set({ status: image.state?.status ?? 'PENDING', body: JSON.stringify(image) })
        .where('account_id', '=', s.accountId)
        .where('region', '=', s.region)
        .where('arn', '=', image.arn)
        .execute();
    },
    delete: async (s, arn) => {
      const r = await db.deleteFrom('images').where('account_id', '=', s.accountId).where('region', '=', s.region).where('arn', '=', arn).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    nextBuildNumber: async (s, name, version) => {
      const r = await inScope(s)
        .select((eb) => eb.fn.max('build_number').as('n'))
        .where('name', '=', name)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r?.n ?? 0) + 1;
    },
    builds: async (s, name, version) =>
      (await inScope(s).select(['arn', 'body']).where('name', '=', name).where('version', '=', version).orderBy('build_number', 'desc').execute()).map(parse),
    buildsByName: async (s, name) =>
      (await inScope(s).select(['arn', 'body']).where('name', '=', name).orderBy('version').orderBy('build_number').execute()).map(parse),
    active: async () => {
      const rows = await db
        .selectFrom('images')
        .select(['account_id', 'region', 'arn', 'body'])
        .where('status', 'in', ACTIVE)
        .orderBy('account_id')
        .orderBy('region')
        .orderBy('arn')
        .execute();
      return rows.flatMap((r) => {
        try {
          return [{ scope: { accountId: r.account_id, region: r.region }, image: { ...parse(r), arn: r.arn } }];
        } catch {
          return []; // a corrupted row is reported when read (and by `ibex check`), not recovered
        }
      });
    },
    inScope: async (s) => (await inScope(s).select(['arn', 'body']).orderBy('arn').execute()).map((r) => ({ ...parse(r), arn: r.arn })),
    newestFirst: async (s, q) => {
      let query = inScope(s).select(['arn', 'body']);
      if (q?.status !== undefined) query = query.where('status', '=', q.status);
      const rows = await query.orderBy('date_created', 'desc').orderBy('build_number', 'desc').orderBy('arn', 'desc').execute();
      return rows.map((r) => ({ ...parse(r), arn: r.arn }));
    },
  };
}
