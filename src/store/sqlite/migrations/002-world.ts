// The simulated world's state: one row per resource, keyed (account_id, region, kind, id), and a
// small key-value table for the loaded spec, timings and faults. Account-wide resources use region ''.
import type { Migration } from './index.js';

export const m002: Migration = {
  version: 2,
  name: 'world',
  sql: `
CREATE TABLE world_resources (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, region, kind, id)
) WITHOUT ROWID;
CREATE INDEX world_resources_kind ON world_resources (kind);

CREATE TABLE world_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`,
};
