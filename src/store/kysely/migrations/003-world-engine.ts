// The rest of ibex's state in Kysely's schema builder (both dialects): the simulated world's rows
// (store/sqlite/migrations/002), images, distribution runs, their jobs, steps and step-execution
// ids (003, 017, 019), lifecycle and resource policies (014), workflow executions and steps (015,
// 018) and rollouts (016) — the same tables, columns and indexes as SQLite's final schema, so rows
// copy 1:1. Instants the SQLite schema keeps as integers are BIGINT; lifecycle start times (epoch
// seconds with a fraction) are DOUBLE PRECISION in PostgreSQL, REAL in SQLite.
//
// In PostgreSQL every text column of ibex's tables compares bytewise (COLLATE "C"), as SQLite's
// BINARY does: key order, cursors after an id and id ranges (a world AMI's launch permissions are
// the ids in [`<ami>|`, `<ami>}`)) must not depend on the server's locale. The tables of 001 and
// 002 are altered to it here too.
import { PostgresAdapter, sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely, type Migration } from 'kysely';

const EARLIER_TEXT_COLUMNS: Record<string, string[]> = {
  meta: ['key'],
  distribution_configurations: ['account_id', 'region', 'id', 'arn', 'name'],
  resource_tags: ['account_id', 'region', 'arn'],
  idempotency_records: ['account_id', 'region', 'operation', 'client_token'],
  build_resources: ['account_id', 'region', 'type', 'arn', 'id', 'version'],
  builds: ['account_id', 'region', 'image_arn', 'phase', 'build_workflow_id', 'test_workflow_id'],
  pipeline_state: ['account_id', 'region', 'pipeline_arn'],
};

export const worldEngine: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text: ColumnDataType | Expression<unknown> = pg ? sql`text collate "C"` : 'text';
    const fraction: ColumnDataType = pg ? 'double precision' : 'real';
    if (pg)
      for (const [table, columns] of Object.entries(EARLIER_TEXT_COLUMNS))
        for (const c of columns) await sql`alter table ${sql.table(table)} alter column ${sql.ref(c)} type text collate "C"`.execute(db);

    /** A table whose columns are [name, type, notNull, default?] and whose key is `pk`. */
    const table = async (name: string, columns: [string, ColumnDataType | Expression<unknown>, boolean, (string | number)?][], pk: string[]) => {
      // Kysely types column names against a typed schema only; these are the new tables' own.
      let t = db.schema.createTable(name) as CreateTableBuilder<string, string>;
      for (const [col, type, notNull, dflt] of columns)
        t = t.addColumn(col, type, (c) => {
          let d = notNull ? c.notNull() : c;
          if (dflt !== undefined) d = d.defaultTo(dflt);
          return d;
        });
      t = t.addPrimaryKeyConstraint(`${name}_pk`, pk);
      // SQLite's tables are WITHOUT ROWID, as in store/sqlite/migrations (rows clustered by key).
      await (pg ? t : t.modifyEnd(sql`without rowid`)).execute();
    };
    const index = (name: string, on: string, columns: string[]) =>
      db.schema
        .createIndex(name)
        .on(on)
        .columns(columns as never[]);

    await table(
      'world_resources',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['kind', text, true],
        ['id', text, true],
        ['body', text, true],
      ],
      ['account_id', 'region', 'kind', 'id'],
    );
    await index('world_resources_kind', 'world_resources', ['kind']).execute();
    await table(
      'world_meta',
      [
        ['key', text, true],
        ['value', text, true],
      ],
      ['key'],
    );

    await table(
      'images',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['arn', text, true],
        ['name', text, true],
        ['version', text, true],
        ['build_number', 'integer', true],
        ['status', text, true],
        ['body', text, true],
        ['date_created', text, true],
      ],
      ['account_id', 'region', 'arn'],
    );
    await index('images_build', 'images', ['account_id', 'region', 'name', 'version', 'build_number']).unique().execute();

    await table(
      'distribution_runs',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['run_id', text, true],
        ['image_arn', text, true],
        ['attempt', 'integer', true],
        ['status', text, true],
        ['plan_input', text, true],
        ['jobs', text, true],
        ['start_time', text, true],
        ['end_time', text, false],
        ['compacted', text, false],
        ['workflow_step_id', text, false],
      ],
      ['account_id', 'region', 'run_id'],
    );
    await index('distribution_runs_image', 'distribution_runs', ['account_id', 'region', 'image_arn', 'attempt']).execute();
    await index('distribution_runs_status', 'distribution_runs', ['status']).execute();
    await index('distribution_runs_ended', 'distribution_runs', ['end_time'])
      .where(sql.ref('compacted'), 'is', null)
      .where(sql.ref('end_time'), 'is not', null)
      .where(sql.ref('workflow_step_id'), 'is', null)
      .execute();

    await table(
      'distribution_jobs',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['run_id', text, true],
        ['position', 'integer', true],
        ['job_key', text, true],
        ['body', text, true],
      ],
      ['account_id', 'region', 'run_id', 'position'],
    );
    await index('distribution_jobs_key', 'distribution_jobs', ['account_id', 'region', 'run_id', 'job_key']).unique().execute();

    await table(
      'distribution_steps',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['run_id', text, true],
        ['step_key', text, true],
        ['job_key', text, true],
        ['kind', text, true],
        ['target_account', text, true],
        ['target_region', text, true],
        ['depends_on', text, true],
        ['input', text, true],
        ['status', text, true],
        ['attempts', 'integer', true, 0],
        ['output', text, false],
        ['error_code', text, false],
        ['error', text, false],
        ['started_at', text, false],
        ['ended_at', text, false],
        ['retries', 'integer', true, 0],
        ['next_attempt_at', text, false],
      ],
      ['account_id', 'region', 'run_id', 'step_key'],
    );
    await index('distribution_steps_job', 'distribution_steps', ['account_id', 'region', 'run_id', 'job_key']).execute();

    await table(
      'workflow_step_executions',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['step_execution_id', text, true],
        ['run_id', text, true],
        ['job_key', text, true],
      ],
      ['account_id', 'region', 'step_execution_id'],
    );
    await index('workflow_step_executions_job', 'workflow_step_executions', ['account_id', 'region', 'run_id', 'job_key']).execute();

    await table(
      'lifecycle_policies',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['arn', text, true],
        ['name', text, true],
        ['body', text, true],
      ],
      ['account_id', 'region', 'arn'],
    );
    await table(
      'lifecycle_executions',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['id', text, true],
        ['resource_arn', text, true],
        ['status', text, true],
        ['start_time', fraction, true],
        ['body', text, true],
      ],
      ['account_id', 'region', 'id'],
    );
    await index('lifecycle_executions_resource', 'lifecycle_executions', ['account_id', 'region', 'resource_arn', 'start_time']).execute();
    await index('lifecycle_executions_status', 'lifecycle_executions', ['status']).execute();
    await table(
      'lifecycle_resources',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['execution_id', text, true],
        ['seq', 'integer', true],
        ['parent_id', text, true],
        ['status', text, true],
        ['body', text, true],
      ],
      ['account_id', 'region', 'execution_id', 'seq'],
    );
    await table(
      'resource_policies',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['arn', text, true],
        ['policy', text, true],
        ['principals', text, true],
      ],
      ['account_id', 'region', 'arn'],
    );

    await table(
      'workflow_executions',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['execution_id', text, true],
        ['image_arn', text, true],
        ['type', text, true],
        ['seq', 'integer', true],
        ['workflow_arn', text, true],
        ['status', text, true],
        ['spec', text, true],
        ['message', text, false],
        ['start_time', text, false],
        ['end_time', text, false],
      ],
      ['account_id', 'region', 'execution_id'],
    );
    await index('workflow_executions_image', 'workflow_executions', ['account_id', 'region', 'image_arn', 'seq']).execute();
    await index('workflow_executions_status', 'workflow_executions', ['status']).execute();
    await index('workflow_executions_workflow', 'workflow_executions', ['account_id', 'region', 'workflow_arn', 'status']).execute();
    await table(
      'workflow_steps',
      [
        ['account_id', text, true],
        ['region', text, true],
        ['step_execution_id', text, true],
        ['execution_id', text, true],
        ['idx', 'integer', true],
        ['name', text, true],
        ['action', text, true],
        ['status', text, true],
        ['inputs', text, false],
        ['outputs', text, false],
        ['message', text, false],
        ['run_id', text, false],
        ['deadline', 'bigint', false],
        ['start_time', text, false],
        ['end_time', text, false],
        ['rollback_status', text, false],
      ],
      ['account_id', 'region', 'step_execution_id'],
    );
    await index('workflow_steps_execution', 'workflow_steps', ['account_id', 'region', 'execution_id', 'idx']).execute();
    await index('workflow_steps_run', 'workflow_steps', ['account_id', 'region', 'run_id']).execute();
    await index('workflow_steps_status', 'workflow_steps', ['account_id', 'region', 'status']).execute();
    await index('workflow_steps_deadline', 'workflow_steps', ['status', 'deadline']).execute();

    await table(
      'rollouts',
      [
        ['rollout_id', text, true],
        ['account_id', text, true],
        ['region', text, true],
        ['status', text, true],
        ['body', text, true],
        ['created_at', text, true],
      ],
      ['rollout_id'],
    );
    await index('rollouts_scope', 'rollouts', ['account_id', 'region', 'created_at']).execute();
  },
};
