// DistributeImage answers after writing the run; the step rows follow in chunks (issue 19).
// Between the answer and the last chunk: the workflow views show no job as finished, a
// CancelImageCreation cancels every step (the rest is written at once), and a run ends with every
// planned step stored once. The views' rule for a job without step rows is checked directly too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelImageCreationCommand,
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetWorkflowExecutionCommand,
  ImagebuilderClient,
  ListWorkflowStepExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { WIDE_OWNER, WIDE_REGIONS, WIDE_SOURCE_AMI, wideDistributions, wideWorld } from '../helpers/wide-world.js';
import { jobViews } from '../../src/engine/outcome.js';
import { jobCounts, workflowExecutionId } from '../../src/engine/workflow-view.js';
import type { PlannedJob } from '../../src/engine/plan.js';
import { planInputOf, type StoredPlanInput } from '../../src/engine/distribution.js';
import { planDistribution } from '../../src/engine/plan.js';

// 1,000 accounts × 4 Regions: ~12,000 steps, six chunks of 2,000 written in six turns.
const ACCOUNTS = 1_000;
let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: wideWorld(ACCOUNTS) });
});
after(() => srv.close());

const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };

async function distribute(c: ImagebuilderClient, name: string): Promise<string> {
  const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name, distributions: wideDistributions(ACCOUNTS) }))).distributionConfigurationArn!;
  return (await c.send(new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })))
    .imageBuildVersionArn!;
}

async function settled(c: ImagebuilderClient, arn: string): Promise<string | undefined> {
  for (let i = 0; i < 600; i++) {
    const s = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status;
    if (s === 'AVAILABLE' || s === 'FAILED' || s === 'CANCELLED') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

describe('step rows written after DistributeImage answered', () => {
  it('a CancelImageCreation right after the answer cancels the run, with every planned step stored once', async () => {
    const c = srv.client();
    const arn = await distribute(c, 'cancel-early');
    const run = srv.services.runs.runsOfImage(scope, arn)[0]!;
    const planned = (run.planInput as StoredPlanInput).stepCount!;
    assert.ok(srv.services.runs.countSteps(scope, run.runId) < planned, 'the answer came before the last chunk');
    await c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: 'cancel-early' }));
    assert.equal(await settled(c, arn), 'CANCELLED');
    const steps = srv.services.runs.steps(scope, run.runId);
    assert.equal(steps.length, planned);
    assert.equal(new Set(steps.map((s) => s.key)).size, planned, 'every step once');
    assert.deepEqual(
      steps.filter((s) => s.status === 'pending' || s.status === 'running'),
      [],
      'no step is left to run',
    );
  });

  it('before the last chunk the workflow views show the run RUNNING and no job finished; then it completes', async () => {
    const c = srv.client();
    const arn = await distribute(c, 'views-early');
    const run = srv.services.runs.runsOfImage(scope, arn)[0]!;
    const planned = (run.planInput as StoredPlanInput).stepCount!;
    // Read in this same turn, mid-write: the counts GetWorkflowExecution derives from the rows.
    const written = srv.services.runs.countSteps(scope, run.runId);
    assert.ok(written < planned, 'the answer came before the last chunk');
    const counts = jobCounts(run.jobs.length, srv.services.runPages.tallies(scope, run.runId));
    assert.deepEqual(counts, { total: run.jobs.length, completed: 0, failed: 0, cancelled: 0 }, 'no job counted as finished mid-write');
    const finished = srv.services.distribution.runner.start(scope, run.runId);
    const wf = workflowExecutionId(run.runId);
    const [exec, page] = await Promise.all([
      c.send(new GetWorkflowExecutionCommand({ workflowExecutionId: wf })),
      c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: wf, maxResults: 25 })),
    ]);
    // Served mid-write too when the last chunk is still to come (nothing ran yet then).
    if (srv.services.runs.countSteps(scope, run.runId) < planned) {
      assert.equal(exec.status, 'RUNNING');
      assert.equal(exec.totalStepsSucceeded, 0, 'no job is counted as completed while its steps are being written');
      assert.deepEqual(
        (page.steps ?? []).filter((s) => s.status === 'COMPLETED'),
        [],
        'no listed job is COMPLETED before its steps ran',
      );
    }
    assert.equal(await finished, 'succeeded', 'runner.start during the writing answers the whole run');
    assert.equal(await settled(c, arn), 'AVAILABLE');
    const steps = srv.services.runs.steps(scope, run.runId);
    assert.equal(steps.length, planned);
    assert.ok(steps.every((s) => s.status === 'succeeded'));
    // What start-up recovery re-derives from the stored plan input is what was written.
    const again = planDistribution(planInputOf(srv.services.runs.getRun(scope, run.runId)!.planInput as StoredPlanInput));
    const shape = (s: { key: string; jobKey: string; kind: string; accountId: string; region: string; dependsOn: string[]; input: unknown }) =>
      JSON.stringify([s.key, s.jobKey, s.kind, s.accountId, s.region, s.dependsOn, s.input]);
    assert.deepEqual(again.steps.map(shape).sort(), steps.map(shape).sort());
    assert.deepEqual(again.jobs, run.jobs);
  });
});

describe('a job without step rows', () => {
  const job: PlannedJob = { key: 'ami/us-east-1/1', kind: 'ami', region: 'us-east-1', accountId: '1', title: 't' };
  it('is PENDING in the job views (every planned job has steps: its rows are still being written)', () => {
    assert.equal(jobViews([job], [])[0]!.status, 'PENDING');
  });
  it('counts as neither completed, failed nor cancelled', () => {
    assert.deepEqual(jobCounts(3, []), { total: 3, completed: 0, failed: 0, cancelled: 0 });
  });
});
