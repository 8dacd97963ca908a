// SQLite implementation of the TagStore (table resource_tags, one JSON map per ARN).
import type { TagStore } from '../ports.js';
import type { Db } from './db.js';

/** Creates the tag store over an open database. */
export function sqliteTagStore(db: Db): TagStore {
  const getStmt = db.prepare<[string, string, string], { tags: string }>(
    'SELECT tags FROM resource_tags WHERE account_id = ? AND region = ? AND arn = ?',
  );
  const setStmt = db.prepare(
    `INSERT INTO resource_tags (account_id, region, arn, tags) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, region, arn) DO UPDATE SET tags = excluded.tags`,
  );
  const delStmt = db.prepare('DELETE FROM resource_tags WHERE account_id = ? AND region = ? AND arn = ?');
  // One statement for any number of ARNs: they travel as one JSON array.
  const manyStmt = db.prepare<[string, string, string], { arn: string; tags: string }>(
    'SELECT arn, tags FROM resource_tags WHERE account_id = ? AND region = ? AND arn IN (SELECT value FROM json_each(?))',
  );
  return {
    get: (s, arn) => {
      const r = getStmt.get(s.accountId, s.region, arn);
      return r ? (JSON.parse(r.tags) as Record<string, string>) : {};
    },
    getMany: (s, arns) =>
      new Map(manyStmt.all(s.accountId, s.region, JSON.stringify(arns)).map((r) => [r.arn, JSON.parse(r.tags) as Record<string, string>])),
    set: (s, arn, tags) => void setStmt.run(s.accountId, s.region, arn, JSON.stringify(tags)),
    delete: (s, arn) => void delStmt.run(s.accountId, s.region, arn),
  };
}
