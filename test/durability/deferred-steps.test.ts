// DistributeImage answers after writing the run (image state, run row, jobs, plan input); the step
// rows follow in chunks in later event-loop turns (issue 19). Killed -9 before the first chunk or
// between chunks, the restarted server re-derives the missing steps from the stored plan input
// and runs the image to AVAILABLE with exactly one AMI per Region and account, every step once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { freePort, killAll, killHard, pausedAt, startChild } from '../helpers/process.js';
import { startTestServer } from '../helpers/server.js';
import type { StoredPlanInput } from '../../src/engine/distribution.js';
import { WIDE_OWNER, WIDE_REGIONS, WIDE_SOURCE_AMI, wideDistributions, wideTarget, wideWorld } from '../helpers/wide-world.js';

// 300 accounts × 4 Regions: ~3,600 steps, two chunks of 2,000 or more.
const ACCOUNTS = 300;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ibex-deferred-'));
  writeFileSync(join(dir, 'world.json'), JSON.stringify(wideWorld(ACCOUNTS)));
});
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const EXPECTED = WIDE_REGIONS.flatMap((r) => [WIDE_OWNER, ...Array.from({ length: ACCOUNTS }, (_, a) => wideTarget(a))].map((acct) => `${r}/${acct}`)).sort();

/** What the database holds: step rows by status, the run's planned step count, the image's AMIs. */
function stored(data: string, arn: string): { steps: Record<string, number>; total: number; planned: number; amis: string[] } {
  const db = new Database(join(data, 'ibex.sqlite'));
  try {
    const byStatus = db.prepare('SELECT status, COUNT(*) AS n FROM distribution_steps GROUP BY status').all() as { status: string; n: number }[];
    const run = db.prepare('SELECT plan_input FROM distribution_runs WHERE image_arn = ?').get(arn) as { plan_input: string };
    const amis = (
      db.prepare("SELECT account_id, region, body FROM world_resources WHERE kind = 'ami'").all() as { account_id: string; region: string; body: string }[]
    )
      .filter((r) => (JSON.parse(r.body) as { tags?: Record<string, string> }).tags?.Ec2ImageBuilderArn === arn)
      .map((r) => `${r.region}/${r.account_id}`)
      .sort();
    const steps = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
    return { steps, total: byStatus.reduce((a, r) => a + r.n, 0), planned: (JSON.parse(run.plan_input) as { stepCount: number }).stepCount, amis };
  } finally {
    db.close();
  }
}

/** A server on `dataDir` whose second step-chunk write fails (as on a full disk), after a
 *  DistributeImage whose first chunk was written: the run is left with 2,000 of its step rows. */
async function distributeWithSecondChunkFailing(dataDir: string) {
  const srv = await startTestServer({ inMemory: false, dataDir, worldSpec: wideWorld(ACCOUNTS) });
  const runs = srv.services.runs;
  const write = runs.insertPendingSteps.bind(runs);
  let calls = 0;
  runs.insertPendingSteps = (...a) => {
    if (++calls === 2) throw new Error('disk full (test)');
    write(...a);
  };
  const c = srv.client(WIDE_OWNER, WIDE_REGIONS[0]);
  const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'wide', distributions: wideDistributions(ACCOUNTS) })))
    .distributionConfigurationArn!;
  const { imageBuildVersionArn: arn } = await c.send(
    new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
  );
  for (let i = 0; i < 200 && calls < 2; i++) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 50));
  return { srv, c, runs, arn: arn!, calls: () => calls };
}

describe('step rows written after DistributeImage answered', () => {
  for (const point of ['distribution-steps-first', 'distribution-steps-more']) {
    it(`kill -9 at ${point}: after restart the missing steps are re-derived and the image is AVAILABLE with one AMI per Region and account`, async () => {
      const port = await freePort();
      const data = join(dir, point);
      const args = ['--world', join(dir, 'world.json')];
      const client = new ImagebuilderClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: WIDE_REGIONS[0]!,
        maxAttempts: 1,
        credentials: { accessKeyId: WIDE_OWNER, secretAccessKey: 'x' },
      });
      let child = await startChild(data, { port, args, env: { IBEX_TEST: '1', IBEX_PAUSE_AT: point } });
      const cfg = (await client.send(new CreateDistributionConfigurationCommand({ name: 'wide', distributions: wideDistributions(ACCOUNTS) })))
        .distributionConfigurationArn!;
      // The answer comes before the step rows are written: the pause is in a later turn.
      const { imageBuildVersionArn: arn } = await client.send(
        new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
      );
      await pausedAt(child, point);
      await killHard(child);
      const cut = stored(data, arn!);
      assert.ok(cut.planned > 2_000, `a run of more than one chunk (${cut.planned} steps)`);
      if (point === 'distribution-steps-first') assert.equal(cut.total, 0, 'no step row was written before the kill');
      else assert.ok(cut.total > 0 && cut.total < cut.planned, `part of the steps were written (${cut.total} of ${cut.planned})`);
      assert.deepEqual(cut.amis, [], 'nothing ran before the kill');

      child = await startChild(data, { port, args });
      const until = Date.now() + 60_000;
      let status: string | undefined;
      for (;;) {
        status = (await client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status;
        if (status === 'AVAILABLE' || status === 'FAILED' || status === 'CANCELLED' || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 'AVAILABLE');
      await killHard(child);
      const end = stored(data, arn!);
      assert.deepEqual(end.steps, { succeeded: cut.planned }, 'every planned step is stored once and succeeded');
      assert.deepEqual(end.amis, EXPECTED, 'exactly one AMI per Region and account');
    });
  }

  it('a run whose missing steps cannot be derived again at restart ends FAILED with the reason, never AVAILABLE from part of its steps', async () => {
    const dataDir = join(dir, 'mismatch');
    const cut = await distributeWithSecondChunkFailing(dataDir);
    let srv = cut.srv;
    const { runs, arn } = cut;
    const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };
    const runId = runs.runsOfImage(scope, arn)[0]!.runId;
    await srv.close();
    // As if another ibex version planned this request differently: the stored count no longer
    // matches what the plan derives.
    const db = new Database(join(dataDir, 'ibex.sqlite'));
    const row = db.prepare('SELECT plan_input FROM distribution_runs WHERE run_id = ?').get(runId) as { plan_input: string };
    const input = JSON.parse(row.plan_input) as { stepCount: number };
    db.prepare('UPDATE distribution_runs SET plan_input = ? WHERE run_id = ?').run(JSON.stringify({ ...input, stepCount: input.stepCount + 1 }), runId);
    db.close();

    srv = await startTestServer({ inMemory: false, dataDir, worldSpec: wideWorld(ACCOUNTS) });
    try {
      const c2 = srv.client(WIDE_OWNER, WIDE_REGIONS[0]);
      const image = (await c2.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
      assert.equal(image.state?.status, 'FAILED');
      assert.equal(
        image.state?.reason,
        'ibex stopped while writing the steps of this distribution and, after restarting, could not derive them again from the stored request. Distribute the image again.',
      );
      assert.equal(srv.services.runs.runsOfImage(scope, arn!)[0]!.status, 'failed');
      assert.equal(srv.services.runs.countSteps(scope, runId), 2_000, 'no step was added to the stored ones');
      assert.deepEqual(srv.services.distribution.runner.held(), { runs: 0, stepsInFlight: 0 }, 'and nothing of it runs');
    } finally {
      await srv.close();
    }
    assert.deepEqual(stored(dataDir, arn!).amis, [], 'no AMI was made from part of the plan');
  });

  it('a chunk whose write fails is left (reported in the log): the run is completed at the next start and ends AVAILABLE', async () => {
    const dataDir = join(dir, 'storage-failure');
    const cut = await distributeWithSecondChunkFailing(dataDir);
    let srv = cut.srv;
    const { c, runs, arn } = cut;
    const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };
    assert.equal(cut.calls(), 2, 'the second chunk was tried once and not again');
    const run = runs.runsOfImage(scope, arn!)[0]!;
    assert.equal(runs.countSteps(scope, run.runId), 2_000, 'the first chunk is stored, nothing after it');
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status, 'DISTRIBUTING');
    await srv.close();

    srv = await startTestServer({ inMemory: false, dataDir, worldSpec: wideWorld(ACCOUNTS) });
    try {
      const c2 = srv.client(WIDE_OWNER, WIDE_REGIONS[0]);
      let status: string | undefined;
      for (let i = 0; i < 600; i++) {
        status = (await c2.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status;
        if (status !== 'DISTRIBUTING') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(status, 'AVAILABLE');
      const steps = srv.services.runs.steps(scope, run.runId);
      assert.equal(steps.length, (run.planInput as StoredPlanInput).stepCount);
      assert.ok(steps.every((s) => s.status === 'succeeded'));
    } finally {
      await srv.close();
    }
  });
});
