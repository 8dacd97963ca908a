// Rollouts (issue #15): one row per rollout of an image through ordered rings, its whole state as
// JSON, written in the same transaction as the run a ring starts.
import type { Migration } from './index.js';

export const m016: Migration = {
  version: 16,
  name: 'rollouts',
  sql: `
CREATE TABLE rollouts (
  rollout_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX rollouts_scope ON rollouts (account_id, region, created_at);
`,
};
