// The tables as Kysely sees them: one interface per table, the same columns in both dialects
// (JSON values are TEXT, timestamps ISO-8601 TEXT, so SQLite and PostgreSQL rows read alike).
export interface DistributionConfigurationsTable {
  account_id: string;
  region: string;
  id: string;
  arn: string;
  name: string;
  description: string | null;
  distributions: string;
  date_created: string;
  date_updated: string | null;
}

export interface ResourceTagsTable {
  account_id: string;
  region: string;
  arn: string;
  tags: string;
}

export interface IdempotencyRecordsTable {
  account_id: string;
  region: string;
  operation: string;
  client_token: string;
  request_hash: string;
  response: string;
  created_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface BuildResourcesTable {
  account_id: string;
  region: string;
  type: string;
  arn: string;
  id: string;
  version: string;
  build_number: number;
  body: string;
  date_created: string;
}

export interface BuildsTable {
  account_id: string;
  region: string;
  image_arn: string;
  phase: string;
  /** Epoch milliseconds (BIGINT in PostgreSQL, read back as a number). */
  due_at: number;
  spec: string;
  progress: string;
  /** The build's BUILD and TEST workflow execution ids, as columns for lookups in both dialects. */
  build_workflow_id: string | null;
  test_workflow_id: string | null;
}

export interface PipelineStateTable {
  account_id: string;
  region: string;
  pipeline_arn: string;
  checked_until: number;
  fingerprint: string | null;
  consecutive_failures: number;
}

export interface Schema {
  build_resources: BuildResourcesTable;
  builds: BuildsTable;
  pipeline_state: PipelineStateTable;
  meta: MetaTable;
  distribution_configurations: DistributionConfigurationsTable;
  resource_tags: ResourceTagsTable;
  idempotency_records: IdempotencyRecordsTable;
}
