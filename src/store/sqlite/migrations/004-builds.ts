// Build inputs (recipes, components, infrastructure configurations, pipelines) as JSON records,
// durable simulated builds (one row per image build with its phase and due time) and the
// scheduler's per-pipeline state (last processed instant, dependency fingerprint, failures).
import type { Migration } from './index.js';

export const m004: Migration = {
  version: 4,
  name: 'builds',
  sql: `
CREATE TABLE build_resources (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  type TEXT NOT NULL,
  arn TEXT NOT NULL,
  id TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  build_number INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  date_created TEXT NOT NULL,
  PRIMARY KEY (account_id, region, arn)
) WITHOUT ROWID;
CREATE INDEX build_resources_type ON build_resources (account_id, region, type, id);

CREATE TABLE builds (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  image_arn TEXT NOT NULL,
  phase TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  spec TEXT NOT NULL,
  progress TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, region, image_arn)
) WITHOUT ROWID;
CREATE INDEX builds_due ON builds (phase, due_at);

CREATE TABLE pipeline_state (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  pipeline_arn TEXT NOT NULL,
  checked_until INTEGER NOT NULL,
  fingerprint TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, region, pipeline_arn)
) WITHOUT ROWID;
`,
};
