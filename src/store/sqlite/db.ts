// Opens the SQLite database (file under a data dir, or in memory) and applies migrations.
// WAL keeps readers unblocked; synchronous=NORMAL in WAL survives a process kill (the OS
// still holds the written pages), which is the crash ibex promises to survive.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

export interface DbOptions {
  /** Directory holding `ibex.sqlite`; created when missing. */
  dataDir?: string;
  /** Use a private in-memory database (tests). */
  inMemory?: boolean;
}

/** Opens (and migrates) the database. */
export function openDatabase(opts: DbOptions): Db {
  let db: Db;
  if (opts.inMemory) {
    db = new Database(':memory:');
  } else {
    const dir = opts.dataDir ?? '.ibex';
    mkdirSync(dir, { recursive: true });
    db = new Database(join(dir, 'ibex.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Applies every migration newer than the stored schema version, each in its own transaction. */
export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of ordered) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
}
