// SQLite store of Image Builder images (build versions): the wire `Image` as JSON plus the
// columns that identify and order builds.
import type { Image } from '../../model/generated/types.js';
import type { ImageStore } from '../ports.js';
import type { Db } from './db.js';
import { parseStored } from './rows.js';

/** Creates the image store over an open database. */
export function sqliteImageStore(db: Db): ImageStore {
  const get = db.prepare<[string, string, string], { arn: string; body: string }>(
    'SELECT arn, body FROM images WHERE account_id = ? AND region = ? AND arn = ?',
  );
  const ins = db.prepare(
    `INSERT INTO images (account_id, region, arn, name, version, build_number, status, body, date_created)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const put = db.prepare('UPDATE images SET status = ?, body = ? WHERE account_id = ? AND region = ? AND arn = ?');
  const del = db.prepare('DELETE FROM images WHERE account_id = ? AND region = ? AND arn = ?');
  const next = db.prepare<[string, string, string, string], { n: number | null }>(
    'SELECT MAX(build_number) AS n FROM images WHERE account_id = ? AND region = ? AND name = ? AND version = ?',
  );
  const builds = db.prepare<[string, string, string, string], { arn: string; body: string }>(
    'SELECT arn, body FROM images WHERE account_id = ? AND region = ? AND name = ? AND version = ? ORDER BY build_number DESC',
  );
  const byName = db.prepare<[string, string, string], { arn: string; body: string }>(
    'SELECT arn, body FROM images WHERE account_id = ? AND region = ? AND name = ?',
  );
  const inScope = db.prepare<[string, string], { arn: string; body: string }>('SELECT arn, body FROM images WHERE account_id = ? AND region = ? ORDER BY arn');
  const newest = db.prepare<[string, string], { arn: string; body: string }>(
    'SELECT arn, body FROM images WHERE account_id = ? AND region = ? ORDER BY date_created DESC, build_number DESC, arn DESC',
  );
  const newestIn = db.prepare<[string, string, string], { arn: string; body: string }>(
    'SELECT arn, body FROM images WHERE account_id = ? AND region = ? AND status = ? ORDER BY date_created DESC, build_number DESC, arn DESC',
  );
  const active = db.prepare<[], { account_id: string; region: string; arn: string; body: string }>(
    "SELECT account_id, region, arn, body FROM images WHERE status IN ('PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING')",
  );
  return {
    active: () =>
      active.all().flatMap((r) => {
        try {
          return [{ scope: { accountId: r.account_id, region: r.region }, image: { ...parseStored<Image>('images', r.arn, r.body), arn: r.arn } }];
        } catch {
          return []; // a corrupted row is reported when read (and by `ibex check`), not recovered
        }
      }),
    newestFirst: (s, q) =>
      (q?.status === undefined ? newest.all(s.accountId, s.region) : newestIn.all(s.accountId, s.region, q.status)).map((r) => ({
        ...parseStored<Image>('images', r.arn, r.body),
        arn: r.arn,
      })),
    inScope: (s) => inScope.all(s.accountId, s.region).map((r) => ({ ...parseStored<Image>('images', r.arn, r.body), arn: r.arn })),
    buildsByName: (s, name) => byName.all(s.accountId, s.region, name).map((r) => parseStored<Image>('images', r.arn, r.body)),
    get: (s, arn) => {
      const r = get.get(s.accountId, s.region, arn);
      return r ? parseStored<Image>('images', r.arn, r.body) : undefined;
    },
    insert: (s, image, n) =>
      void ins.run(
        s.accountId,
        s.region,
        image.arn,
        image.name,
        image.version.split('/')[0]!,
        n,
        image.state?.status ?? 'PENDING',
        JSON.stringify(image),
        image.dateCreated ?? new Date().toISOString(),
      ),
    put: (s, image) => void put.run(image.state?.status ?? 'PENDING', JSON.stringify(image), s.accountId, s.region, image.arn),
    delete: (s, arn) => del.run(s.accountId, s.region, arn).changes > 0,
    nextBuildNumber: (s, name, version) => (next.get(s.accountId, s.region, name, version)?.n ?? 0) + 1,
    builds: (s, name, version) => builds.all(s.accountId, s.region, name, version).map((r) => parseStored<Image>('images', r.arn, r.body)),
  };
}
