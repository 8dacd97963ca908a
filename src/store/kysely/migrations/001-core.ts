// Core API state in Kysely's schema builder, so one definition creates it in SQLite and in
// PostgreSQL: the same tables and keys as store/sqlite/migrations/001-core.ts.
import type { Kysely, Migration } from 'kysely';

export const core: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('distribution_configurations')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('distributions', 'text', (c) => c.notNull())
      .addColumn('date_created', 'text', (c) => c.notNull())
      .addColumn('date_updated', 'text')
      .addPrimaryKeyConstraint('distribution_configurations_pk', ['account_id', 'region', 'id'])
      .execute();
    await db.schema.createIndex('distribution_configurations_name').on('distribution_configurations').columns(['account_id', 'region', 'name']).execute();
    await db.schema
      .createTable('resource_tags')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('resource_tags_pk', ['account_id', 'region', 'arn'])
      .execute();
    await db.schema
      .createTable('idempotency_records')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('client_token', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_records_pk', ['account_id', 'region', 'operation', 'client_token'])
      .execute();
  },
};
