// The Kysely migrations, in order (append-only, as store/sqlite/migrations/). Named by number so
// that Kysely's Migrator, which orders by name, runs them in this order.
import type { Migration, MigrationProvider } from 'kysely';
import { core } from './001-core.js';
import { builds } from './002-builds.js';
import { worldEngine } from './003-world-engine.js';

const migrations: Record<string, Migration> = {
  '001-core': core,
  '002-builds': builds,
  '003-world-engine': worldEngine,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
