// Opens the SQLite database (file under a data dir, or in memory) and applies migrations.
// WAL keeps readers unblocked; synchronous=NORMAL in WAL survives a process kill (the OS
// still holds the written pages), which is the crash ibex promises to survive.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './migrations/index.js';
import type { Transaction } from '../ports.js';

export type Db = Database.Database;

export interface DbOptions {
  /** Directory holding `ibex.sqlite`; created when missing. */
  dataDir?: string;
  /** Use a private in-memory database (tests). */
  inMemory?: boolean;
}

/** Why a data directory cannot be opened truthfully; the CLI prints the message and exits 2. */
export class DataDirError extends Error {}

/** The file that says "this directory held a database" (written once the database opened). */
export const MARKER_FILE = 'ibex-data.json';
export const DB_FILE = 'ibex.sqlite';

/** The newest schema this ibex knows. */
export const SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));

/** Opens (and migrates) the database. A file database is refused, with a message saying what to
 *  do, when it vanished from a directory that held one, when its schema is newer than this ibex
 *  knows, or when SQLite's quick check finds it damaged — never silently started empty. */
export function openDatabase(opts: DbOptions): Db {
  let db: Db;
  if (opts.inMemory) {
    db = new Database(':memory:');
  } else {
    const dir = opts.dataDir ?? '.ibex';
    mkdirSync(dir, { recursive: true });
    const file = join(dir, DB_FILE);
    const marker = join(dir, MARKER_FILE);
    const size = existsSync(file) ? statSync(file).size : -1;
    if (existsSync(marker) && size <= 0) {
      let created = 'earlier';
      try {
        created = (JSON.parse(readFileSync(marker, 'utf8')) as { created?: string }).created ?? created;
      } catch {
        // an unreadable marker still says a database was here
      }
      throw new DataDirError(
        `${file} is ${size < 0 ? 'missing' : 'empty'}, but ${dir} held an ibex database (created ${created}). ` +
          `Restore it from a backup (ibex backup), or delete ${marker} to start with an empty database.`,
      );
    }
    db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const check = db.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok')
        throw new DataDirError(
          `${file} failed SQLite's integrity check (${check.replace(/\s*\n\s*/g, '; ')}). Restore it from a backup (ibex backup); 'ibex check' says more.`,
        );
    } catch (e) {
      db.close();
      if (e instanceof DataDirError) throw e;
      throw new DataDirError(`${file} cannot be opened as an ibex database: ${(e as Error).message}. Restore it from a backup (ibex backup).`);
    }
    if (!existsSync(marker)) writeFileSync(marker, `${JSON.stringify({ created: new Date().toISOString(), database: DB_FILE })}\n`);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    assertSchemaKnown(db);
  } catch (e) {
    db.close();
    throw e;
  }
  migrate(db);
  return db;
}

/** The stored schema version (0 for a new database). */
export function storedSchemaVersion(db: Db): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) return 0;
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/** Refuses a database written by a newer ibex: older code would misread what it does not know. */
export function assertSchemaKnown(db: Db): void {
  const v = storedSchemaVersion(db);
  if (v > SCHEMA_VERSION) {
    throw new DataDirError(
      `The database has schema version ${v}, newer than this ibex knows (${SCHEMA_VERSION}). Run the newer ibex that wrote it, or restore a backup made by this version.`,
    );
  }
}

/** Applies every migration newer than the stored schema version, each in its own transaction. */
export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of ordered) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}

/** The `Transaction` of the stores over `db` (better-sqlite3 nests inner calls as savepoints). */
export function sqliteTransaction(db: Db): Transaction {
  return <T>(fn: () => T): T => db.transaction(fn)();
}
