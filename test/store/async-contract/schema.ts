// The Kysely migrations create SQLite's final schema (store/sqlite/migrations/), so that `ibex
// migrate-store` can copy rows 1:1: every table, its columns in order with their NOT NULL, its
// primary key, and every index with its columns and uniqueness, read back from the database
// itself (SQLite's pragmas, PostgreSQL's catalog) and compared with a fresh ibex.sqlite.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type Db } from '../../../src/store/sqlite/db.js';
import type { DatabaseTarget } from '../../../src/store/kysely/database.js';
import type { ContractContext } from './context.js';

interface Shape {
  /** table → its columns in order, `name` or `name NOT NULL`, then `PK (…)`. */
  tables: Record<string, string[]>;
  /** index → `table (columns)`, with `UNIQUE` first when it is. */
  indexes: Record<string, string>;
}

/** Tables of the migration machinery, not of ibex's state. */
const MACHINERY = new Set(['schema_migrations', 'kysely_migration', 'kysely_migration_lock']);

/** Columns only the Kysely schema has: the builds' workflow ids are columns there (002), json_extract in SQLite's. */
const KYSELY_ONLY: Record<string, string[]> = { builds: ['build_workflow_id', 'test_workflow_id'] };
const KYSELY_ONLY_INDEXES = ['builds_build_workflow', 'builds_test_workflow'];

function sqliteShape(db: Db): Shape {
  const shape: Shape = { tables: {}, indexes: {} };
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const t of tables.filter((n) => !MACHINERY.has(n))) {
    const cols = db.pragma(`table_info(${t})`) as { name: string; notnull: number; pk: number }[];
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    shape.tables[t] = [...cols.map((c) => (c.notnull || c.pk ? `${c.name} NOT NULL` : c.name)), `PK (${pk.map((c) => c.name).join(', ')})`];
  }
  const indexes = db.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; tbl_name: string }[];
  for (const ix of indexes) {
    const cols = (db.pragma(`index_info(${ix.name})`) as { name: string }[]).map((c) => c.name);
    const unique = (db.pragma(`index_list(${ix.tbl_name})`) as { name: string; unique: number }[]).find((l) => l.name === ix.name)!.unique;
    shape.indexes[ix.name] = `${unique ? 'UNIQUE ' : ''}${ix.tbl_name} (${cols.join(', ')})`;
  }
  return shape;
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shape: Shape = { tables: {}, indexes: {} };
    const cols = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    for (const c of cols.rows) {
      if (MACHINERY.has(c.table_name)) continue;
      (shape.tables[c.table_name] ??= []).push(c.is_nullable === 'NO' ? `${c.column_name} NOT NULL` : c.column_name);
    }
    const ixs = await client.query<{ tbl: string; idx: string; uniq: boolean; prim: boolean; columns: string[] }>(
      `SELECT t.relname AS tbl, i.relname AS idx, ix.indisunique AS uniq, ix.indisprimary AS prim,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
    );
    for (const ix of ixs.rows) {
      if (MACHINERY.has(ix.tbl)) continue;
      if (ix.prim) shape.tables[ix.tbl]!.push(`PK (${ix.columns.join(', ')})`);
      else shape.indexes[ix.idx] = `${ix.uniq ? 'UNIQUE ' : ''}${ix.tbl} (${ix.columns.join(', ')})`;
    }
    return shape;
  } finally {
    await client.end();
  }
}

async function shapeOf(target: DatabaseTarget): Promise<Shape> {
  if (target.kind === 'postgres') return postgresShape(target.url);
  const db = new Database(target.file, { readonly: true });
  try {
    return sqliteShape(db);
  } finally {
    db.close();
  }
}

/** The Kysely shape without what only it has. */
function withoutKyselyOnly(s: Shape): Shape {
  const tables = Object.fromEntries(
    Object.entries(s.tables).map(([t, cols]) => [t, cols.filter((c) => !(KYSELY_ONLY[t] ?? []).includes(c.replace(/ NOT NULL$/, '')))]),
  );
  const indexes = Object.fromEntries(Object.entries(s.indexes).filter(([name]) => !KYSELY_ONLY_INDEXES.includes(name)));
  return { tables, indexes };
}

export function schemaCases(ctx: ContractContext): void {
  it("schema: every table, column, primary key and index of SQLite's ibex.sqlite, in the same order", async () => {
    const embedded = openDatabase({ inMemory: true });
    let expected: Shape;
    try {
      expected = sqliteShape(embedded);
    } finally {
      embedded.close();
    }
    const actual = await shapeOf(ctx.target());
    assert.deepEqual(Object.keys(withoutKyselyOnly(actual).tables).sort(), Object.keys(expected.tables).sort());
    for (const t of Object.keys(expected.tables)) assert.deepEqual(withoutKyselyOnly(actual).tables[t], expected.tables[t], `table ${t}`);
    assert.deepEqual(withoutKyselyOnly(actual).indexes, expected.indexes);
  });
}
