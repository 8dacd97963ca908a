// The tables as Kysely sees them: one interface per table, the same columns in both dialects
// (JSON values are TEXT, timestamps ISO-8601 TEXT, epoch instants BIGINT read back as numbers, so
// SQLite and PostgreSQL rows read alike; migrations/003 makes PostgreSQL's text compare bytewise).
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

export interface WorldResourcesTable {
  account_id: string;
  /** '' for account-wide resources. */
  region: string;
  kind: string;
  id: string;
  body: string;
}

export interface WorldMetaTable {
  key: string;
  value: string;
}

export interface ImagesTable {
  account_id: string;
  region: string;
  arn: string;
  name: string;
  /** The semantic version, without the build. */
  version: string;
  build_number: number;
  status: string;
  body: string;
  date_created: string;
}

export interface WorkflowExecutionsTable {
  account_id: string;
  region: string;
  execution_id: string;
  image_arn: string;
  type: string;
  seq: number;
  workflow_arn: string;
  status: string;
  spec: string;
  message: string | null;
  start_time: string | null;
  end_time: string | null;
}

export interface WorkflowStepsTable {
  account_id: string;
  region: string;
  step_execution_id: string;
  execution_id: string;
  idx: number;
  name: string;
  action: string;
  status: string;
  inputs: string | null;
  outputs: string | null;
  message: string | null;
  run_id: string | null;
  /** Epoch milliseconds (BIGINT in PostgreSQL). */
  deadline: number | null;
  start_time: string | null;
  end_time: string | null;
  rollback_status: string | null;
}

export interface LifecyclePoliciesTable {
  account_id: string;
  region: string;
  arn: string;
  name: string;
  body: string;
}

export interface LifecycleExecutionsTable {
  account_id: string;
  region: string;
  id: string;
  resource_arn: string;
  status: string;
  /** Epoch seconds with a fraction (REAL in SQLite, DOUBLE PRECISION in PostgreSQL). */
  start_time: number;
  body: string;
}

export interface LifecycleResourcesTable {
  account_id: string;
  region: string;
  execution_id: string;
  seq: number;
  parent_id: string;
  status: string;
  body: string;
}

export interface ResourcePoliciesTable {
  account_id: string;
  region: string;
  arn: string;
  policy: string;
  principals: string;
}

export interface RolloutsTable {
  rollout_id: string;
  account_id: string;
  region: string;
  status: string;
  body: string;
  created_at: string;
}

export interface DistributionRunsTable {
  account_id: string;
  region: string;
  run_id: string;
  image_arn: string;
  attempt: number;
  status: string;
  plan_input: string;
  /** The whole job list (the engine's); pages read distribution_jobs. */
  jobs: string;
  start_time: string;
  end_time: string | null;
  compacted: string | null;
  /** The custom workflow step that started the run (such runs are never compacted). */
  workflow_step_id: string | null;
}

export interface DistributionJobsTable {
  account_id: string;
  region: string;
  run_id: string;
  position: number;
  job_key: string;
  body: string;
}

export interface DistributionStepsTable {
  account_id: string;
  region: string;
  run_id: string;
  step_key: string;
  job_key: string;
  kind: string;
  target_account: string;
  target_region: string;
  depends_on: string;
  input: string;
  status: string;
  attempts: number;
  output: string | null;
  error_code: string | null;
  error: string | null;
  started_at: string | null;
  ended_at: string | null;
  retries: number;
  next_attempt_at: string | null;
}

export interface WorkflowStepExecutionsTable {
  account_id: string;
  region: string;
  step_execution_id: string;
  run_id: string;
  job_key: string;
}

export interface Schema {
  build_resources: BuildResourcesTable;
  builds: BuildsTable;
  pipeline_state: PipelineStateTable;
  meta: MetaTable;
  distribution_configurations: DistributionConfigurationsTable;
  resource_tags: ResourceTagsTable;
  idempotency_records: IdempotencyRecordsTable;
  world_resources: WorldResourcesTable;
  world_meta: WorldMetaTable;
  images: ImagesTable;
  workflow_executions: WorkflowExecutionsTable;
  workflow_steps: WorkflowStepsTable;
  lifecycle_policies: LifecyclePoliciesTable;
  lifecycle_executions: LifecycleExecutionsTable;
  lifecycle_resources: LifecycleResourcesTable;
  resource_policies: ResourcePoliciesTable;
  rollouts: RolloutsTable;
  distribution_runs: DistributionRunsTable;
  distribution_jobs: DistributionJobsTable;
  distribution_steps: DistributionStepsTable;
  workflow_step_executions: WorkflowStepExecutionsTable;
}
