// Build inputs, durable builds and pipeline state in Kysely's schema builder (both dialects): the
// tables of store/sqlite/migrations/004-builds.ts, with instants as BIGINT and the builds'
// workflow execution ids as indexed columns instead of SQLite's json_extract over progress.
import type { Kysely, Migration } from 'kysely';

export const builds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('build_resources')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('build_number', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('date_created', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('build_resources_pk', ['account_id', 'region', 'arn'])
      .execute();
    await db.schema.createIndex('build_resources_type').on('build_resources').columns(['account_id', 'region', 'type', 'id']).execute();
    await db.schema
      .createTable('builds')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('image_arn', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('build_workflow_id', 'text')
      .addColumn('test_workflow_id', 'text')
      .addPrimaryKeyConstraint('builds_pk', ['account_id', 'region', 'image_arn'])
      .execute();
    await db.schema.createIndex('builds_due').on('builds').columns(['phase', 'due_at']).execute();
    await db.schema.createIndex('builds_build_workflow').on('builds').columns(['account_id', 'region', 'build_workflow_id']).execute();
    await db.schema.createIndex('builds_test_workflow').on('builds').columns(['account_id', 'region', 'test_workflow_id']).execute();
    await db.schema
      .createTable('pipeline_state')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('pipeline_arn', 'text', (c) => c.notNull())
      .addColumn('checked_until', 'bigint', (c) => c.notNull())
      .addColumn('fingerprint', 'text')
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('pipeline_state_pk', ['account_id', 'region', 'pipeline_arn'])
      .execute();
  },
};
