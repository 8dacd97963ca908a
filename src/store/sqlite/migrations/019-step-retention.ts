// Steps found by their job (issue 19): a workflow-step page or one step execution reads its jobs'
// step rows and step-execution ids through an index instead of scanning the run (or the account). And the step retention setting: a
// finished run whose step rows were compacted keeps its job counts (JSON) in `compacted`; a custom
// workflow's run (never compacted: the workflow engine reads its steps) names its workflow step
// in a column, so the sweep's index leaves those runs out without parsing their plans.
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
CREATE INDEX distribution_runs_ended ON distribution_runs (end_time) WHERE compacted IS NULL AND end_time IS NOT NULL AND workflow_step_id IS NULL;
`,
};
