// SQLite implementation of the DistributionConfigurationStore (table distribution_configurations).
import type { Scope } from '../../domain/scope.js';
import type { Distribution } from '../../model/generated/types.js';
import type { DistributionConfigurationRecord, DistributionConfigurationStore } from '../ports.js';
import type { Db } from './db.js';
import { ReadCache } from './read-cache.js';
import { parseStored } from './rows.js';

interface Row {
  id: string;
  arn: string;
  name: string;
  description: string | null;
  distributions: string;
  date_created: string;
  date_updated: string | null;
}

function fromRow(r: Row): DistributionConfigurationRecord {
  const rec: DistributionConfigurationRecord = {
    id: r.id,
    arn: r.arn,
    name: r.name,
    distributions: parseStored<Distribution[]>('distribution_configurations', r.arn, r.distributions),
    dateCreated: r.date_created,
  };
  if (r.description !== null) rec.description = r.description;
  if (r.date_updated !== null) rec.dateUpdated = r.date_updated;
  return rec;
}

const COLUMNS = 'id, arn, name, description, distributions, date_created, date_updated';
type RawRow = [string, string, string, string | null, string, string, string | null];

function fromRawRow([id, arn, name, description, distributions, dateCreated, dateUpdated]: RawRow): DistributionConfigurationRecord {
  return fromRow({ id, arn, name, description, distributions, date_created: dateCreated, date_updated: dateUpdated });
}

/** Creates the store over an open database. */
export function sqliteDistributionConfigurationStore(db: Db): DistributionConfigurationStore {
  // Raw (array) rows with explicit columns, as for pages: Get is the hottest read of all.
  const getStmt = db
    .prepare<[string, string, string], RawRow>(`SELECT ${COLUMNS} FROM distribution_configurations WHERE account_id = ? AND region = ? AND id = ?`)
    .raw(true);
  const insertStmt = db.prepare(
    `INSERT INTO distribution_configurations (account_id, region, id, arn, name, description, distributions, date_created, date_updated)
     VALUES (@accountId, @region, @id, @arn, @name, @description, @distributions, @dateCreated, NULL)`,
  );
  const updateStmt = db.prepare(
    `UPDATE distribution_configurations SET description = ?, distributions = ?, date_updated = ?
     WHERE account_id = ? AND region = ? AND id = ?`,
  );
  const deleteStmt = db.prepare('DELETE FROM distribution_configurations WHERE account_id = ? AND region = ? AND id = ?');
  const countStmt = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM distribution_configurations WHERE account_id = ? AND region = ?');
  // Pages are read in raw (array) mode: building a keyed object per row was the largest cost of
  // ListDistributionConfigurations (bench/, docs/performance.md).
  const listStmt = db
    .prepare<[string, string, string, number], RawRow>(
      `SELECT ${COLUMNS} FROM distribution_configurations WHERE account_id = ? AND region = ? AND id > ? ORDER BY id LIMIT ?`,
    )
    .raw(true);
  const cache = new ReadCache<DistributionConfigurationRecord>(db);
  const key = (s: Scope, id: string) => `${s.accountId}\n${s.region}\n${id}`;
  return {
    get: (s, id) => {
      const k = key(s, id);
      const hit = cache.get(k);
      if (hit) return hit;
      const r = getStmt.get(s.accountId, s.region, id);
      return r ? cache.fill(k, fromRawRow(r)) : undefined;
    },
    insert: (s, rec) => {
      cache.drop(key(s, rec.id));
      insertStmt.run({
        accountId: s.accountId,
        region: s.region,
        id: rec.id,
        arn: rec.arn,
        name: rec.name,
        description: rec.description ?? null,
        distributions: JSON.stringify(rec.distributions),
        dateCreated: rec.dateCreated,
      });
    },
    update: (s, id, c) => {
      cache.drop(key(s, id));
      return updateStmt.run(c.description ?? null, JSON.stringify(c.distributions), c.dateUpdated, s.accountId, s.region, id).changes > 0;
    },
    delete: (s, id) => {
      cache.drop(key(s, id));
      return deleteStmt.run(s.accountId, s.region, id).changes > 0;
    },
    count: (s) => countStmt.get(s.accountId, s.region)!.n,
    list: (s: Scope, q) => {
      if (!q.names) return listStmt.all(s.accountId, s.region, q.afterId ?? '', q.limit).map(fromRawRow);
      const marks = q.names.map(() => '?').join(',');
      const rows = db
        .prepare(`SELECT * FROM distribution_configurations WHERE account_id = ? AND region = ? AND id > ? AND name IN (${marks}) ORDER BY id LIMIT ?`)
        .all(s.accountId, s.region, q.afterId ?? '', ...q.names, q.limit) as Row[];
      return rows.map(fromRow);
    },
  };
}
