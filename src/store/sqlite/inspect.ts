// Offline inspection of a data directory (for `ibex check` and `ibex backup`): the full integrity
// check, the schema version against this ibex's, and every stored JSON column that no longer
// parses, named by table and key.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, MARKER_FILE, SCHEMA_VERSION, storedSchemaVersion, type Db } from './db.js';

/** The JSON columns of each table, and the column that names a row. */
const JSON_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: 'distribution_configurations', key: 'arn', columns: ['distributions'] },
  { table: 'resource_tags', key: 'arn', columns: ['tags'] },
  { table: 'idempotency_records', key: "operation || ' ' || client_token", columns: ['response'] },
  { table: 'world_resources', key: "kind || ' ' || id", columns: ['body'] },
  { table: 'images', key: 'arn', columns: ['body'] },
  { table: 'distribution_runs', key: 'run_id', columns: ['plan_input', 'jobs'] },
  { table: 'distribution_steps', key: "run_id || ' ' || step_key", columns: ['depends_on', 'input', 'output'] },
  { table: 'build_resources', key: 'arn', columns: ['body'] },
  { table: 'builds', key: 'image_arn', columns: ['spec', 'progress'] },
  { table: 'workflow_executions', key: 'execution_id', columns: ['spec'] },
  { table: 'workflow_steps', key: 'step_execution_id', columns: ['inputs', 'outputs'] },
];

export interface CheckReport {
  file: string;
  ok: boolean;
  schemaVersion?: number;
  problems: string[];
}

/** Opens the data directory's database read-only (it must exist). */
export function openReadOnly(dataDir: string): Db {
  return new Database(join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
}

/** Checks a data directory without changing it. */
export function checkDataDir(dataDir: string): CheckReport {
  const file = join(dataDir, DB_FILE);
  const problems: string[] = [];
  if (!existsSync(file)) {
    problems.push(existsSync(join(dataDir, MARKER_FILE)) ? `${file} is missing, but ${dataDir} held an ibex database` : `${file} does not exist`);
    return { file, ok: false, problems };
  }
  let db: Db;
  try {
    db = openReadOnly(dataDir);
  } catch (e) {
    return { file, ok: false, problems: [`cannot open ${file}: ${(e as Error).message}`] };
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const bad = integrity.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    for (const m of bad) problems.push(`integrity: ${m}`);
    const version = storedSchemaVersion(db);
    if (version > SCHEMA_VERSION) problems.push(`schema version ${version} is newer than this ibex knows (${SCHEMA_VERSION})`);
    if (version < SCHEMA_VERSION) problems.push(`schema version ${version} is older than this ibex's (${SCHEMA_VERSION}); 'ibex serve' migrates it`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const t of JSON_COLUMNS) {
      if (!tables.has(t.table)) continue;
      const rows = db.prepare(`SELECT ${t.key} AS k, ${t.columns.join(', ')} FROM ${t.table}`).iterate() as Iterable<Record<string, string | null>>;
      for (const r of rows) {
        for (const c of t.columns) {
          const v = r[c];
          if (v === null || v === undefined) continue;
          try {
            JSON.parse(v);
          } catch (e) {
            problems.push(`corrupted row: table ${t.table}, '${r.k}', column ${c} (${(e as Error).message})`);
          }
        }
      }
    }
    return { file, ok: problems.filter((p) => !p.includes("'ibex serve' migrates it")).length === 0, schemaVersion: version, problems };
  } catch (e) {
    problems.push(`cannot read ${file}: ${(e as Error).message}`);
    return { file, ok: false, problems };
  } finally {
    db.close();
  }
}

/** Why `ibex backup` stopped: the stage that failed and SQLite's message. */
export class BackupError extends Error {
  constructor(
    readonly stage: 'open' | 'copy' | 'verify',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Copies the data directory's database to `file` with SQLite's online backup (consistent, also
 * while `ibex serve` writes), then runs the quick integrity check on the copy.
 */
export async function backupDataDir(dataDir: string, file: string): Promise<{ bytes: number; schemaVersion: number }> {
  let db: Db;
  try {
    db = openReadOnly(dataDir);
  } catch (e) {
    throw new BackupError('open', (e as Error).message);
  }
  try {
    await db.backup(file);
  } catch (e) {
    throw new BackupError('copy', (e as Error).message);
  } finally {
    db.close();
  }
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new BackupError('verify', check);
    return { bytes: statSync(file).size, schemaVersion: storedSchemaVersion(copy) };
  } finally {
    copy.close();
  }
}
