// Lifecycle policies, their executions and the resources each execution acted on (one row per
// image and per output AMI or container image), and resource policies (sharing) per ARN.
import type { Migration } from './index.js';

export const m014: Migration = {
  version: 14,
  name: 'lifecycle',
  sql: `
CREATE TABLE lifecycle_policies (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  arn TEXT NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, region, arn)
) WITHOUT ROWID;

CREATE TABLE lifecycle_executions (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  id TEXT NOT NULL,
  resource_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time REAL NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, region, id)
) WITHOUT ROWID;
CREATE INDEX lifecycle_executions_resource ON lifecycle_executions (account_id, region, resource_arn, start_time);
CREATE INDEX lifecycle_executions_status ON lifecycle_executions (status);

CREATE TABLE lifecycle_resources (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  parent_id TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, region, execution_id, seq)
) WITHOUT ROWID;

CREATE TABLE resource_policies (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  arn TEXT NOT NULL,
  policy TEXT NOT NULL,
  principals TEXT NOT NULL,
  PRIMARY KEY (account_id, region, arn)
) WITHOUT ROWID;
`,
};
