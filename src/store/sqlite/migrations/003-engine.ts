// Images (build versions), distribution runs and their durable steps. A run and its planned steps
// are written in one transaction; steps carry their own status, attempts and outputs so a run
// resumes after a crash exactly where it stopped.
import type { Migration } from './index.js';

export const m003: Migration = {
  version: 3,
  name: 'engine',
  sql: `
CREATE TABLE images (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  arn TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  build_number INTEGER NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  date_created TEXT NOT NULL,
  PRIMARY KEY (account_id, region, arn)
) WITHOUT ROWID;
CREATE UNIQUE INDEX images_build ON images (account_id, region, name, version, build_number);

CREATE TABLE distribution_runs (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  run_id TEXT NOT NULL,
  image_arn TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  plan_input TEXT NOT NULL,
  jobs TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT,
  PRIMARY KEY (account_id, region, run_id)
) WITHOUT ROWID;
CREATE INDEX distribution_runs_image ON distribution_runs (account_id, region, image_arn, attempt);
CREATE INDEX distribution_runs_status ON distribution_runs (status);

CREATE TABLE distribution_steps (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  run_id TEXT NOT NULL,
  step_key TEXT NOT NULL,
  job_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_account TEXT NOT NULL,
  target_region TEXT NOT NULL,
  depends_on TEXT NOT NULL,
  input TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  output TEXT,
  error_code TEXT,
  error TEXT,
  started_at TEXT,
  ended_at TEXT,
  PRIMARY KEY (account_id, region, run_id, step_key)
) WITHOUT ROWID;

CREATE TABLE workflow_step_executions (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  step_execution_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  job_key TEXT NOT NULL,
  PRIMARY KEY (account_id, region, step_execution_id)
) WITHOUT ROWID;
CREATE INDEX workflow_step_executions_run ON workflow_step_executions (account_id, region, run_id);
`,
};
