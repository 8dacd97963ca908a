// Workflow rollback (issue #14): each step's rollback status lives in its row, so a rollback a
// restart interrupted resumes with the steps not yet rolled back. Numbered 18 to leave 17 to the
// distribution-step retries landing beside it.
import type { Migration } from './index.js';

export const m018: Migration = {
  version: 18,
  name: 'workflow-rollback',
  sql: `
ALTER TABLE workflow_steps ADD COLUMN rollback_status TEXT;
`,
};
