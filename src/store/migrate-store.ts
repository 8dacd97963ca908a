// `ibex migrate-store`: copies a SQLite data directory (the embedded default) into an empty database
// of the async stores — PostgreSQL for several nodes (#13), or a Kysely SQLite file — table by
// table, in one transaction on the target: it either holds every row afterwards or nothing.
// The source is opened read-only and must be at this version's schema; the target is migrated to
// the newest schema first and must hold no ibex data. The Kysely schema keeps the SQLite tables'
// columns (migrations/003), so rows copy 1:1; a column only the target has must be derived here
// (builds' workflow-id columns), and a table or column the target lacks stops the copy before it
// writes anything, so nothing is silently dropped.
import { sql, type Kysely } from 'kysely';
import { openReadOnly } from './sqlite/inspect.js';
import { SCHEMA_VERSION, storedSchemaVersion, type Db } from './sqlite/db.js';
import { openMigrated, type DatabaseTarget } from './kysely/database.js';
import { workflowIds } from './kysely/builds.js';
import type { Schema } from './kysely/schema.js';

/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500;

/** Tables that describe a database rather than hold ibex's state. */
const BOOKKEEPING = new Set(['schema_migrations', 'kysely_migration', 'kysely_migration_lock']);

type Row = Record<string, unknown>;

/** Target-only columns and how they are made from a source row. */
const DERIVED: Record<string, (row: Row) => Row> = {
  builds: (row) => workflowIds(JSON.parse(String(row.progress ?? '{}'))),
};

export class MigrateStoreError extends Error {}

export interface MigrateReport {
  /** Rows copied per table, in copy order. */
  tables: { table: string; rows: number }[];
}

function sourceTables(db: Db): Map<string, string[]> {
  const names = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck(true).all();
  return new Map(
    names
      .filter((n) => !BOOKKEEPING.has(n))
      .map(
        (n) =>
          [
            n,
            db
              .prepare<[], { name: string }>(`PRAGMA table_info("${n}")`)
              .all()
              .map((c) => c.name),
          ] as const,
      ),
  );
}

async function targetTables(db: Kysely<Schema>): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.filter((t) => !BOOKKEEPING.has(t.name)).map((t) => [t.name, t.columns.map((c) => c.name)]));
}

/** Copies the SQLite database of `dataDir` into `target`; refuses (changing nothing) when the
 *  source is not at this version's schema, the target already holds data, or the schemas differ. */
export async function migrateStore(dataDir: string, target: DatabaseTarget): Promise<MigrateReport> {
  let src: Db;
  try {
    src = openReadOnly(dataDir);
  } catch (e) {
    throw new MigrateStoreError(`cannot open the database in ${dataDir}: ${(e as Error).message}`);
  }
  try {
    const version = storedSchemaVersion(src);
    if (version !== SCHEMA_VERSION)
      throw new MigrateStoreError(
        `the database in ${dataDir} is at schema version ${version}, this ibex writes ${SCHEMA_VERSION}: ` +
          (version < SCHEMA_VERSION ? 'start `ibex serve` on it once to upgrade it, then migrate.' : 'use the ibex that wrote it.'),
      );
    const from = sourceTables(src);
    let dst: Kysely<Schema>;
    try {
      dst = await openMigrated(target);
    } catch (e) {
      throw new MigrateStoreError(`cannot open the target database: ${(e as Error).message}`);
    }
    try {
      const to = await targetTables(dst);
      const plan = [...from].map(([table, columns]) => {
        const dstColumns = to.get(table);
        if (!dstColumns) throw new MigrateStoreError(`the target has no table ${table}: nothing was copied`);
        const missing = columns.filter((c) => !dstColumns.includes(c));
        if (missing.length) throw new MigrateStoreError(`the target's ${table} lacks ${missing.join(', ')}: nothing was copied`);
        const extra = dstColumns.filter((c) => !columns.includes(c));
        if (extra.length && !DERIVED[table])
          throw new MigrateStoreError(`the target's ${table} has ${extra.join(', ')}, which nothing fills: nothing was copied`);
        return { table, columns };
      });
      return await dst.transaction().execute(async (trx) => {
        for (const [table] of to) {
          const { n } = (await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!;
          if (Number(n) > 0)
            throw new MigrateStoreError(`the target already holds ibex data (${table}: ${n} rows); migrate-store fills an empty database only`);
        }
        const report: MigrateReport = { tables: [] };
        for (const { table, columns } of plan) {
          const derive = DERIVED[table];
          let rows = 0;
          let batch: Row[] = [];
          const flush = async (): Promise<void> => {
            if (batch.length === 0) return;
            await trx
              .insertInto(table as keyof Schema)
              .values(batch as never)
              .execute();
            rows += batch.length;
            batch = [];
          };
          // Rows stream from SQLite in rowid order; only one chunk is held at a time.
          for (const r of src.prepare<[], Row>(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).iterate()) {
            batch.push(derive ? { ...r, ...derive(r) } : r);
            if (batch.length >= CHUNK) await flush();
          }
          await flush();
          const { n } = (await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!;
          if (Number(n) !== rows) throw new MigrateStoreError(`${table}: ${rows} rows copied but ${n} found: nothing was kept`);
          report.tables.push({ table, rows });
        }
        return report;
      });
    } finally {
      await dst.destroy();
    }
  } finally {
    src.close();
  }
}
