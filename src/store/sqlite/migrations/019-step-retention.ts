// Steps found by their job (issue 19): a workflow-step page or one step execution reads its jobs'
// step rows through an index instead of scanning the run. And the step retention setting: a
// finished run whose step rows were compacted keeps its job counts (JSON) in `compacted`.
import type { Migration } from './index.js';

export const m019: Migration = {
  version: 19,
  name: 'step-retention',
  sql: `
CREATE INDEX distribution_steps_job ON distribution_steps (account_id, region, run_id, job_key);
ALTER TABLE distribution_runs ADD COLUMN compacted TEXT;
CREATE INDEX distribution_runs_ended ON distribution_runs (end_time) WHERE compacted IS NULL AND end_time IS NOT NULL;
`,
};
