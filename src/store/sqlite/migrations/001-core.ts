// Core API state: service metadata, distribution configurations, tags and idempotency records.
// Every key starts with (account_id, region).
import type { Migration } from './index.js';

export const m001: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE distribution_configurations (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  id TEXT NOT NULL,
  arn TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  distributions TEXT NOT NULL,
  date_created TEXT NOT NULL,
  date_updated TEXT,
  PRIMARY KEY (account_id, region, id)
) WITHOUT ROWID;
CREATE INDEX distribution_configurations_name ON distribution_configurations (account_id, region, name);

CREATE TABLE resource_tags (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  arn TEXT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (account_id, region, arn)
) WITHOUT ROWID;

CREATE TABLE idempotency_records (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  operation TEXT NOT NULL,
  client_token TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, region, operation, client_token)
) WITHOUT ROWID;
`,
};
