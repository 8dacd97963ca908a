// SQLite implementation of the TagStore (table resource_tags, one JSON map per ARN).
import type { Scope } from '../../domain/scope.js';
import type { TagStore } from '../ports.js';
import type { Db } from './db.js';
import { ReadCache } from './read-cache.js';

/** Creates the tag store over an open database. */
export function sqliteTagStore(db: Db): TagStore {
  // One column, plucked: no row object per read (tags are read on every Get and List).
  const getStmt = db.prepare<[string, string, string], string>('SELECT tags FROM resource_tags WHERE account_id = ? AND region = ? AND arn = ?').pluck(true);
  const setStmt = db.prepare(
    `INSERT INTO resource_tags (account_id, region, arn, tags) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, region, arn) DO UPDATE SET tags = excluded.tags`,
  );
  const delStmt = db.prepare('DELETE FROM resource_tags WHERE account_id = ? AND region = ? AND arn = ?');
  // One statement for any number of ARNs: they travel as one JSON array.
  const manyStmt = db.prepare<[string, string, string], { arn: string; tags: string }>(
    'SELECT arn, tags FROM resource_tags WHERE account_id = ? AND region = ? AND arn IN (SELECT value FROM json_each(?))',
  );
  const ofTypeStmt = db.prepare<[string], { account_id: string; region: string; arn: string; tags: string }>(
    "SELECT account_id, region, arn, tags FROM resource_tags WHERE arn LIKE 'arn:%:imagebuilder:%:' || ? || '/%' ORDER BY account_id, region, arn",
  );
  const cache = new ReadCache<Record<string, string>>(db);
  const key = (s: Scope, arn: string) => `${s.accountId}\n${s.region}\n${arn}`;
  return {
    ofResourceType: (type) =>
      ofTypeStmt
        .all(type)
        .map((r) => ({ scope: { accountId: r.account_id, region: r.region }, arn: r.arn, tags: JSON.parse(r.tags) as Record<string, string> })),
    get: (s, arn) => {
      const k = key(s, arn);
      const hit = cache.get(k);
      if (hit) return hit;
      const r = getStmt.get(s.accountId, s.region, arn);
      return cache.fill(k, r !== undefined ? (JSON.parse(r) as Record<string, string>) : {});
    },
    getMany: (s, arns) => {
      // Cached maps first; one query for the rest (a List page's tags), whose answers are cached too.
      const out = new Map<string, Record<string, string>>();
      const missing: string[] = [];
      for (const arn of arns) {
        const hit = cache.get(key(s, arn));
        if (hit) out.set(arn, hit);
        else missing.push(arn);
      }
      if (missing.length === 0) return out;
      const found = new Map(manyStmt.all(s.accountId, s.region, JSON.stringify(missing)).map((r) => [r.arn, r.tags]));
      for (const arn of missing) {
        const raw = found.get(arn);
        out.set(arn, cache.fill(key(s, arn), raw !== undefined ? (JSON.parse(raw) as Record<string, string>) : {}));
      }
      return out;
    },
    set: (s, arn, tags) => {
      cache.drop(key(s, arn));
      setStmt.run(s.accountId, s.region, arn, JSON.stringify(tags));
    },
    delete: (s, arn) => {
      cache.drop(key(s, arn));
      delStmt.run(s.accountId, s.region, arn);
    },
  };
}
