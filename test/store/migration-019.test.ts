// Migration 019 over a database written before it: each stored run's jobs become rows in plan
// order (a page reads them by position, one job by key), a custom workflow's run is marked so
// the retention sweep leaves it alone, and the queries name indexes that exist.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrations } from '../../src/store/sqlite/migrations/index.js';
import { runPages } from '../../src/store/sqlite/run-pages.js';
import { SqliteRunStore } from '../../src/store/sqlite/runs.js';
import type { Db } from '../../src/store/sqlite/db.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };

describe('migration 019', () => {
  it('moves stored runs’ jobs into rows and marks custom-workflow runs', () => {
    const db = new Database(':memory:') as unknown as Db;
    for (const m of migrations.filter((m) => m.version < 19)) db.exec(m.sql);
    const jobs = [{ key: 'ami:us-east-1:123456789012' }, { key: 'ami:us-east-1:210987654321' }, { key: 'ssmParameter:us-east-1:/p' }];
    const insert = db.prepare(
      `INSERT INTO distribution_runs (account_id, region, run_id, image_arn, attempt, status, plan_input, jobs, start_time, end_time)
       VALUES (?, ?, ?, 'arn:img', 1, 'succeeded', ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z')`,
    );
    insert.run(scope.accountId, scope.region, 'r1', '{}', JSON.stringify(jobs));
    insert.run(scope.accountId, scope.region, 'r2', JSON.stringify({ workflowStepId: 'wfs-1' }), JSON.stringify(jobs.slice(0, 1)));
    db.exec(migrations.find((m) => m.version === 19)!.sql);

    const pages = runPages(db);
    assert.deepEqual(pages.jobs(scope, 'r1', 0, 10), jobs);
    assert.deepEqual(pages.jobs(scope, 'r1', 1, 2), [jobs[1]]);
    assert.deepEqual(pages.job(scope, 'r1', 'ssmParameter:us-east-1:/p'), jobs[2]);
    assert.equal(pages.job(scope, 'r1', 'nope'), undefined);
    assert.deepEqual(pages.stepsOfJobs(scope, 'r1', [jobs[0]!.key]), []);
    // Only the run that is not a workflow step's may be compacted.
    const runs = new SqliteRunStore(db);
    assert.deepEqual(
      runs.compactable('2027-01-01T00:00:00.000Z', 10).map((c) => [c.runId, c.jobCount]),
      [['r1', 3]],
    );
  });
});
