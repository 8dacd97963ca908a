// Steps found by their job (issue 19): a workflow-step page or one step execution reads its jobs'
// step rows and step-execution ids through an index instead of scanning the run (or the account). And the step retention setting: a
// finished run whose step rows were compacted keeps its job counts (JSON) in `compacted`; a custom
// workflow's run (never compacted: the workflow engine reads its steps) names its workflow step
// in a column, so the sweep's index leaves those runs out without parsing their plans. A run's
// jobs are also rows (position, key, body), so a page or one job is read without walking the
// run's whole job list (1.7 MB at 16 Regions × 1,536 accounts); `distribution_runs.jobs` stays
// the whole list for the engine.
import type { Migration } from './index.js';

export const m019: Migration = {
  version: 19,
  name: 'step-retention',
  sql: `
CREATE INDEX distribution_steps_job ON distribution_steps (account_id, region, run_id, job_key);
DROP INDEX workflow_step_executions_run;
CREATE INDEX workflow_step_executions_job ON workflow_step_executions (account_id, region, run_id, job_key);
ALTER TABLE distribution_runs ADD COLUMN compacted TEXT;
ALTER TABLE distribution_runs ADD COLUMN workflow_step_id TEXT;
UPDATE distribution_runs SET workflow_step_id = json_extract(plan_input, '$.workflowStepId');
CREATE TABLE distribution_jobs (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  run_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  job_key TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (account_id, region, run_id, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX distribution_jobs_key ON distribution_jobs (account_id, region, run_id, job_key);
INSERT INTO distribution_jobs (account_id, region, run_id, position, job_key, body)
  SELECT r.account_id, r.region, r.run_id, j.key, json_extract(j.value, '$.key'), j.value FROM distribution_runs r, json_each(r.jobs) j;
CREATE INDEX distribution_runs_ended ON distribution_runs (end_time) WHERE compacted IS NULL AND end_time IS NOT NULL AND workflow_step_id IS NULL;
`,
};
