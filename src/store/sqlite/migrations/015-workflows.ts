// Custom workflow executions and their steps (the workflow documents themselves are build
// resources of type `workflow`). Numbered after the lifecycle migration (14) it landed beside.
import type { Migration } from './index.js';

export const m015: Migration = {
  version: 15,
  name: 'workflows',
  sql: `
CREATE TABLE workflow_executions (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  image_arn TEXT NOT NULL,
  type TEXT NOT NULL,
  seq INTEGER NOT NULL,
  workflow_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  spec TEXT NOT NULL,
  message TEXT,
  start_time TEXT,
  end_time TEXT,
  PRIMARY KEY (account_id, region, execution_id)
) WITHOUT ROWID;
CREATE INDEX workflow_executions_image ON workflow_executions (account_id, region, image_arn, seq);
CREATE INDEX workflow_executions_status ON workflow_executions (status);
CREATE INDEX workflow_executions_workflow ON workflow_executions (account_id, region, workflow_arn, status);

CREATE TABLE workflow_steps (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  step_execution_id TEXT NOT NULL,
  execution_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  inputs TEXT,
  outputs TEXT,
  message TEXT,
  run_id TEXT,
  deadline INTEGER,
  start_time TEXT,
  end_time TEXT,
  PRIMARY KEY (account_id, region, step_execution_id)
) WITHOUT ROWID;
CREATE INDEX workflow_steps_execution ON workflow_steps (account_id, region, execution_id, idx);
CREATE INDEX workflow_steps_run ON workflow_steps (account_id, region, run_id);
CREATE INDEX workflow_steps_status ON workflow_steps (account_id, region, status);
CREATE INDEX workflow_steps_deadline ON workflow_steps (status, deadline);
`,
};
