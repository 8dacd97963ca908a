// Distribution runs, their steps and the paged reads: a run with its jobs and steps written
// together or not at all, one claim per step however many workers race for it, checkpoints and
// releases read back, recovery, compaction of finished runs, and pages, tallies and job counts
// across the chunks large runs are written and read in.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedJob } from '../../../src/engine/plan.js';
import type { RunRecord } from '../../../src/engine/run-ports.js';
import type { StepRecord } from '../../../src/engine/step-inputs.js';
import { StoreConflict } from '../../../src/store/async-ports.js';
import { openStores } from '../../../src/store/kysely/database.js';
import { other, scope, type ContractContext } from './context.js';

const imageArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1';
const job = (region: string, accountId: string): PlannedJob => ({
  key: `ami:${region}:${accountId}`,
  kind: 'ami',
  region,
  accountId,
  title: `AMI in ${region} for ${accountId}`,
});
const copy = (j: PlannedJob): StepRecord =>
  ({
    key: `copyImage:${j.region}:${j.accountId}`,
    jobKey: j.key,
    kind: 'copyImage',
    accountId: j.accountId,
    region: j.region,
    dependsOn: [],
    input: { name: 'web-1' },
    status: 'pending',
    attempts: 0,
  }) as unknown as StepRecord;
const wait = (j: PlannedJob): StepRecord =>
  ({ ...copy(j), key: `image:${j.region}:${j.accountId}`, kind: 'waitImage', dependsOn: [`copyImage:${j.region}:${j.accountId}`] }) as unknown as StepRecord;

const run = (runId: string, jobs: PlannedJob[], attempt = 1, planInput: unknown = { settings: 'dc' }): Omit<RunRecord, 'status' | 'endTime'> => ({
  scope,
  runId,
  imageArn,
  attempt,
  planInput,
  jobs,
  startTime: '2026-12-03T10:00:00.000Z',
});

export function runCases(ctx: ContractContext): void {
  const jobs = [job('us-east-1', '111122223333'), job('us-west-2', '111122223333'), job('eu-west-1', '210987654321')];

  it('runs: a run with its jobs and steps round-trips; job ids are distinct and found back', async () => {
    const rs = ctx.stores().runs;
    await rs.createRun(
      run('run-1', jobs),
      jobs.flatMap((j) => [copy(j), wait(j)]),
    );
    assert.deepEqual(await rs.getRun(scope, 'run-1'), { ...run('run-1', jobs), status: 'running' });
    assert.equal(await rs.getRun(other, 'run-1'), undefined);
    const steps = await rs.steps(scope, 'run-1');
    assert.deepEqual(
      steps.map((s) => s.key),
      [
        'copyImage:eu-west-1:210987654321',
        'copyImage:us-east-1:111122223333',
        'copyImage:us-west-2:111122223333',
        'image:eu-west-1:210987654321',
        'image:us-east-1:111122223333',
        'image:us-west-2:111122223333',
      ],
    );
    assert.deepEqual(steps[1], copy(jobs[0]!));
    const ids = await rs.jobIds(scope, 'run-1');
    assert.deepEqual([...ids.keys()].sort(), jobs.map((j) => j.key).sort());
    assert.equal(new Set(ids.values()).size, 3);
    for (const [jobKey, id] of ids) {
      assert.match(id, /^step-[0-9a-f-]{36}$/);
      assert.deepEqual(await rs.findStepExecution(scope, id), { runId: 'run-1', jobKey });
      assert.equal(await rs.findStepExecution(other, id), undefined);
    }
  });

  it('runs: one claim wins among concurrent workers; release, finish and recovery are read back', async () => {
    const stores = ctx.stores();
    const rs = stores.runs;
    const key = 'copyImage:us-east-1:111122223333';
    const claims = await Promise.all([1, 2, 3, 4].map(() => rs.claim(scope, 'run-1', key, '2026-12-03T10:00:01.000Z')));
    assert.deepEqual(claims.filter(Boolean), [true]);
    const byKey = async (k: string) => (await rs.steps(scope, 'run-1')).find((s) => s.key === k)!;
    assert.deepEqual([(await byKey(key)).status, (await byKey(key)).attempts, (await byKey(key)).startedAt], ['running', 1, '2026-12-03T10:00:01.000Z']);
    await rs.release(
      scope,
      'run-1',
      key,
      { retries: 2, at: '2026-12-03T10:00:09.000Z' },
      { copyImageId: 'ami-0aaa' },
      { code: 'RequestLimitExceeded', message: 'slow down' },
    );
    const released = await byKey(key);
    assert.deepEqual(
      [released.status, released.retries, released.nextAttemptAt, released.output, released.errorCode, released.error],
      ['pending', 2, '2026-12-03T10:00:09.000Z', { copyImageId: 'ami-0aaa' }, 'RequestLimitExceeded', 'slow down'],
    );
    assert.equal(await rs.claim(scope, 'run-1', key, '2026-12-03T10:00:10.000Z'), true);
    const again = await byKey(key);
    assert.deepEqual([again.attempts, again.startedAt, again.nextAttemptAt], [2, '2026-12-03T10:00:01.000Z', undefined]);
    await rs.finish(scope, 'run-1', key, 'succeeded', '2026-12-03T10:00:11.000Z', { copyImageId: 'ami-0aaa' });
    const done = await byKey(key);
    assert.deepEqual(
      [done.status, done.endedAt, done.errorCode, done.output],
      ['succeeded', '2026-12-03T10:00:11.000Z', undefined, { copyImageId: 'ami-0aaa' }],
    );
    assert.equal(await rs.claim(scope, 'run-1', key, '2026-12-03T10:00:12.000Z'), false);
    // A release of a step that is not running changes nothing.
    await rs.release(scope, 'run-1', key, { retries: 9, at: 'x' });
    assert.equal((await byKey(key)).status, 'succeeded');

    await rs.claim(scope, 'run-1', 'copyImage:us-west-2:111122223333', '2026-12-03T10:00:02.000Z');
    await rs.claim(scope, 'run-1', 'copyImage:eu-west-1:210987654321', '2026-12-03T10:00:02.000Z');
    assert.equal(await rs.recover(scope, 'run-1'), 2);
    assert.equal(await rs.recover(scope, 'run-1'), 0);
    assert.equal((await byKey('copyImage:us-west-2:111122223333')).status, 'pending');
  });

  it("runs: two stores on one database (two nodes) see each other's writes at once, and one claim wins across them", async () => {
    const a = ctx.stores();
    const b = await openStores(ctx.target());
    try {
      await a.runs.createRun({ ...run('run-nodes', jobs.slice(0, 1), 5), imageArn: `${imageArn}-nodes` }, [copy(jobs[0]!)]);
      assert.equal((await b.runs.getRun(scope, 'run-nodes'))?.attempt, 5);
      const key = copy(jobs[0]!).key;
      const claims = await Promise.all([a, b, a, b].map((n) => n.runs.claim(scope, 'run-nodes', key, '2026-12-03T10:00:01.000Z')));
      assert.equal(claims.filter(Boolean).length, 1);
      assert.deepEqual(
        (await a.runs.steps(scope, 'run-nodes')).map((st) => [st.status, st.attempts]),
        [['running', 1]],
      );
      await b.runs.finish(scope, 'run-nodes', key, 'cancelled', '2026-12-03T10:00:02.000Z');
      assert.equal((await a.runs.steps(scope, 'run-nodes'))[0]?.status, 'cancelled');
    } finally {
      await b.close();
    }
  });

  it('run pages: summaries without the plan, a page of jobs, one job, the steps, ids and tallies of chosen jobs', async () => {
    const pages = ctx.stores().runPages;
    assert.deepEqual(await pages.summary(scope, 'run-1'), {
      runId: 'run-1',
      imageArn,
      attempt: 1,
      status: 'running',
      startTime: '2026-12-03T10:00:00.000Z',
      jobCount: 3,
    });
    assert.equal(await pages.summary(other, 'run-1'), undefined);
    assert.deepEqual(await pages.scopeOfRun('run-1'), scope);
    assert.equal(await pages.scopeOfRun('run-none'), undefined);
    assert.deepEqual(await pages.jobs(scope, 'run-1', 1, 3), jobs.slice(1, 3));
    assert.deepEqual(await pages.job(scope, 'run-1', jobs[2]!.key), jobs[2]);
    assert.equal(await pages.job(scope, 'run-1', 'ami:nowhere:0'), undefined);
    assert.deepEqual(
      (await pages.stepsOfJobs(scope, 'run-1', [jobs[1]!.key, jobs[0]!.key])).map((s) => s.key),
      ['copyImage:us-east-1:111122223333', 'copyImage:us-west-2:111122223333', 'image:us-east-1:111122223333', 'image:us-west-2:111122223333'],
    );
    const all = await ctx.stores().runs.jobIds(scope, 'run-1');
    assert.deepEqual(await pages.jobIds(scope, 'run-1', [jobs[0]!.key]), new Map([[jobs[0]!.key, all.get(jobs[0]!.key)!]]));
    assert.deepEqual(await pages.tallies(scope, 'run-1'), [
      { jobKey: jobs[2]!.key, steps: 2, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, started: 1 },
      { jobKey: jobs[0]!.key, steps: 2, succeeded: 1, failed: 0, skipped: 0, cancelled: 0, started: 1 },
      { jobKey: jobs[1]!.key, steps: 2, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, started: 1 },
    ]);
  });

  it('runs: ended runs by attempt; compaction of finished runs keeps the run and its jobs, never a workflow run or a running one', async () => {
    const { runs: rs, runPages: pages } = ctx.stores();
    await rs.createRun(run('run-2', jobs.slice(0, 1), 2), [copy(jobs[0]!)]);
    await rs.createRun(run('run-wf', jobs.slice(0, 1), 3, { workflowStepId: 'step-wf-1-1' }), [copy(jobs[0]!)]);
    assert.deepEqual(
      (await rs.unfinishedRuns()).filter((r) => r.imageArn === imageArn).map((r) => r.runId),
      ['run-1', 'run-2', 'run-wf'],
    );
    await rs.endRun(scope, 'run-1', 'failed', '2026-12-03T11:00:00.000Z');
    await rs.endRun(scope, 'run-wf', 'succeeded', '2026-12-03T11:00:00.000Z');
    await rs.endRun(scope, 'run-2', 'succeeded', '2026-12-03T12:00:00.000Z');
    assert.deepEqual(
      (await rs.runsOfImage(scope, imageArn)).map((r) => [r.runId, r.attempt, r.status, r.endTime]),
      [
        ['run-1', 1, 'failed', '2026-12-03T11:00:00.000Z'],
        ['run-2', 2, 'succeeded', '2026-12-03T12:00:00.000Z'],
        ['run-wf', 3, 'succeeded', '2026-12-03T11:00:00.000Z'],
      ],
    );
    assert.deepEqual(
      (await rs.compactable('2026-12-03T11:30:00.000Z', 10)).map((c) => [c.runId, c.jobCount]),
      [['run-1', 3]],
    );
    assert.deepEqual(
      (await rs.compactable('2026-12-03T12:00:00.000Z', 10)).map((c) => c.runId),
      ['run-1', 'run-2'],
    );
    assert.deepEqual(
      (await rs.compactable('2026-12-03T12:00:00.000Z', 1)).map((c) => c.runId),
      ['run-1'],
    );
    const kept = { at: '2026-12-03T13:00:00.000Z', jobs: { total: 3, completed: 1, failed: 2, cancelled: 0 } };
    const ids = await rs.jobIds(scope, 'run-1');
    assert.equal(await rs.compact(scope, 'run-1', kept), true);
    assert.deepEqual(await rs.steps(scope, 'run-1'), []);
    assert.equal((await rs.jobIds(scope, 'run-1')).size, 0);
    assert.equal(await rs.findStepExecution(scope, ids.get(jobs[0]!.key)!), undefined);
    assert.deepEqual((await rs.getRun(scope, 'run-1'))?.compacted, kept);
    assert.deepEqual((await pages.summary(scope, 'run-1'))?.compacted, kept);
    assert.equal((await pages.summary(scope, 'run-1'))?.jobCount, 3);
    assert.deepEqual(await pages.jobs(scope, 'run-1', 0, 10), jobs);
    assert.deepEqual(
      (await rs.compactable('2026-12-03T12:00:00.000Z', 10)).map((c) => c.runId),
      ['run-2'],
    );

    await rs.createRun(run('run-3', jobs.slice(0, 1), 4), [copy(jobs[0]!)]);
    assert.equal(await rs.compact(scope, 'run-3', kept), false);
    assert.equal((await rs.steps(scope, 'run-3')).length, 1);
    assert.equal((await rs.getRun(scope, 'run-3'))?.compacted, undefined);
  });

  it("run pages: an image's family of runs is its own and ibex's `#ibex:` runs for it, oldest first", async () => {
    const { runs: rs, runPages: pages } = ctx.stores();
    const img = 'arn:aws:imagebuilder:us-east-1:111122223333:image/fam/1.0.0/1';
    const at = (runId: string, arn: string, startTime: string) => rs.createRun({ ...run(runId, [], 1), imageArn: arn, startTime }, []);
    await at('fam-2', `${img}#ibex:repair:x`, '2026-12-03T10:00:02.000Z');
    await at('fam-1', img, '2026-12-03T10:00:01.000Z');
    await at('fam-3', `${img}#ibex:rollout:ro-1`, '2026-12-03T10:00:03.000Z');
    await at('fam-other', `${img}0`, '2026-12-03T10:00:00.000Z');
    await at('fam-other-2', `${img}#ibexx`, '2026-12-03T10:00:00.000Z');
    await at('fam-other-3', 'arn:aws:imagebuilder:us-east-1:111122223333:image/fam/1.0.0/10', '2026-12-03T10:00:00.000Z');
    assert.deepEqual(await pages.runIdsOfImageFamily(scope, img), ['fam-1', 'fam-2', 'fam-3']);
    assert.deepEqual(await pages.runIdsOfImageFamily(other, img), []);
  });

  it('runs: a run whose steps cannot all be written leaves no run, jobs or ids, alone or in a transaction', async () => {
    const stores = ctx.stores();
    await assert.rejects(stores.runs.createRun(run('run-bad', jobs), [copy(jobs[0]!), copy(jobs[0]!)]), StoreConflict);
    assert.equal(await stores.runs.getRun(scope, 'run-bad'), undefined);
    assert.deepEqual(await stores.runPages.jobs(scope, 'run-bad', 0, 10), []);
    assert.equal((await stores.runs.jobIds(scope, 'run-bad')).size, 0);
    await assert.rejects(
      stores.runs.createRun({ ...run('run-1', jobs.slice(0, 1)), attempt: 7 }, []),
      (e) => e instanceof StoreConflict && e.table === 'distribution_runs',
    );
    assert.equal((await stores.runs.getRun(scope, 'run-1'))?.attempt, 1);
    assert.equal((await stores.runPages.summary(scope, 'run-1'))?.jobCount, 3);
    await assert.rejects(
      stores.tx(async (t) => {
        await t.runs.createRun(run('run-tx', jobs), [copy(jobs[0]!)]);
        await t.images.put(scope, { arn: imageArn, state: { status: 'DISTRIBUTING' } });
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await stores.runs.getRun(scope, 'run-tx'), undefined);
    assert.deepEqual(await stores.runs.steps(scope, 'run-tx'), []);
  });

  it('runs: a run of 1,200 jobs is written and read across chunks — counts, every step in key order, every id', async () => {
    const { runs: rs, runPages: pages } = ctx.stores();
    const many = Array.from({ length: 1200 }, (_, i) => job(`r${i % 16}`, String(100000000000 + i)));
    await rs.createRun(run('run-big', many, 9), many.map(copy));
    assert.equal((await pages.summary(scope, 'run-big'))?.jobCount, 1200);
    const keys = many.map((j) => j.key);
    const steps = await pages.stepsOfJobs(scope, 'run-big', keys);
    assert.equal(steps.length, 1200);
    const sorted = [...steps.map((s) => s.key)].sort();
    assert.deepEqual(
      steps.map((s) => s.key),
      sorted,
    );
    assert.deepEqual(
      (await rs.steps(scope, 'run-big')).map((s) => s.key),
      sorted,
    );
    assert.equal((await pages.jobIds(scope, 'run-big', keys)).size, 1200);
    assert.deepEqual(await pages.jobs(scope, 'run-big', 1198, 1300), many.slice(1198));
    assert.equal((await pages.tallies(scope, 'run-big')).length, 1200);
  });
}
