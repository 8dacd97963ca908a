// Retry counts and next-attempt times of distribution steps live in their rows (issue #17): a
// restarted runner resumes a step's backoff or poll where it was instead of starting it over.
import type { Migration } from './index.js';

export const m017: Migration = {
  version: 17,
  name: 'step-retries',
  sql: `
ALTER TABLE distribution_steps ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE distribution_steps ADD COLUMN next_attempt_at TEXT;
`,
};
