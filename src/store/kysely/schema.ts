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

export interface Schema {
  meta: MetaTable;
  distribution_configurations: DistributionConfigurationsTable;
  resource_tags: ResourceTagsTable;
  idempotency_records: IdempotencyRecordsTable;
}
