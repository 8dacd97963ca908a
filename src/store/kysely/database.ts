// Opens the database behind the async stores: the embedded SQLite file (better-sqlite3, as today)
// or PostgreSQL (a pg pool), migrated to the newest schema, with the stores and one transaction
// helper over it. The dialect is chosen by the target alone; nothing above store/ sees it.
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Stores, TxStores } from '../async-ports.js';
import { kyselyDistributionConfigurationStore } from './distribution-configurations.js';
import { kyselyIdempotencyStore } from './idempotency.js';
import { migrationProvider } from './migrations/index.js';
import type { Schema } from './schema.js';
import { kyselyTagStore } from './tags.js';
import { kyselyBuildResourceStore } from './build-resources.js';
import { kyselyBuildStore } from './builds.js';
import { kyselyMetaStore } from './meta.js';
import { kyselyPipelineStateStore } from './pipeline-state.js';
import { kyselyImageStore } from './images.js';
import { kyselyWorldRows } from './world-rows.js';
import { kyselyWorkflowRunStore } from './workflow-runs.js';
import { kyselyLifecycleStore } from './lifecycle.js';
import { kyselyRolloutStore } from './rollouts.js';
import { kyselyRunStore } from './runs.js';
import { kyselyRunPages } from './run-pages.js';

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else is a SQLite file (`:memory:` for none). */
export function databaseTarget(spec: string): DatabaseTarget {
  return /^postgres(ql)?:\/\//.test(spec) ? { kind: 'postgres', url: spec } : { kind: 'sqlite', file: spec };
}

function dialectOf(target: DatabaseTarget): SqliteDialect | PostgresDialect {
  if (target.kind === 'postgres') {
    // BIGINT (instants in epoch ms) comes back as a number, as from SQLite, not as a string.
    const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) };
    return new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 10, types: types as pg.CustomTypesConfig }) });
  }
  // The same settings as the embedded store's openDatabase (store/sqlite/db.ts): WAL with
  // synchronous=NORMAL survives a process kill, and a second connection waits instead of failing.
  const db = new Database(target.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: db });
}

function storesOver(db: Kysely<Schema> | Transaction<Schema>): TxStores {
  return {
    distributionConfigurations: kyselyDistributionConfigurationStore(db),
    tags: kyselyTagStore(db),
    idempotency: kyselyIdempotencyStore(db),
    buildResources: kyselyBuildResourceStore(db),
    builds: kyselyBuildStore(db),
    pipelineState: kyselyPipelineStateStore(db),
    meta: kyselyMetaStore(db),
    images: kyselyImageStore(db),
    worldRows: kyselyWorldRows(db),
    workflowRuns: kyselyWorkflowRunStore(db),
    lifecycle: kyselyLifecycleStore(db),
    rollouts: kyselyRolloutStore(db),
    runs: kyselyRunStore(db),
    runPages: kyselyRunPages(db),
  };
}

/** Opens the database migrated to the newest schema, as Kysely (for whole-table work such as
 *  `ibex migrate-store`); the caller destroys it. */
export async function openMigrated(target: DatabaseTarget): Promise<Kysely<Schema>> {
  const db = new Kysely<Schema>({ dialect: dialectOf(target) });
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error) throw error;
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return db;
}

/** Opens and migrates the database; the caller closes the stores. */
export async function openStores(target: DatabaseTarget): Promise<Stores> {
  const db = await openMigrated(target);
  return {
    ...storesOver(db),
    dialect: target.kind,
    tx: (fn) => db.transaction().execute((trx) => fn(storesOver(trx))),
    close: () => db.destroy(),
  };
}
