// Small service-wide values kept in the meta table, e.g. the secret that signs pagination tokens.
import { randomBytes } from 'node:crypto';
import type { MetaStore } from '../ports.js';
import type { Db } from './db.js';

/** The meta table as a MetaStore. */
export function sqliteMetaStore(db: Db): MetaStore {
  const get = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(true);
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return { get: (key) => get.get(key), set: (key, value) => void set.run(key, value) };
}

/** Returns the stored value of `key`, creating it with `make()` the first time. */
export function metaValue(db: Db, key: string, make: () => string): string {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  if (row) return row.value;
  const value = make();
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  return (db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }).value;
}

/** The per-database secret that signs pagination tokens (stable across restarts). */
export function paginationSecret(db: Db): Buffer {
  return Buffer.from(
    metaValue(db, 'pagination-secret', () => randomBytes(32).toString('hex')),
    'hex',
  );
}
