// The step retention setting (issue 19, part 4): once a finished run is older than the setting,
// its step rows and step-execution ids are deleted in one transaction, while the image, its
// outputs, the run and its job counts stay. RetryImage of a compacted run is refused with a clear
// error and changes nothing. A server keeping steps for an hour is the control: the same
// distribution leaves every row there, with the same image and the same totals.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetWorkflowExecutionCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  RetryImageCommand,
  paginateListWorkflowStepExecutions,
  type Image,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { WIDE_OWNER, WIDE_REGIONS, WIDE_SOURCE_AMI, wideDistributions, wideWorld } from '../helpers/wide-world.js';

const ACCOUNTS = 6;
const WITHOUT_ROLE = 1;
const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };

let compacting: TestServer;
let keeping: TestServer;
before(async () => {
  compacting = await startTestServer({ worldSpec: wideWorld(ACCOUNTS, WITHOUT_ROLE), stepRetentionMs: 0 });
  keeping = await startTestServer({ worldSpec: wideWorld(ACCOUNTS, WITHOUT_ROLE), stepRetentionMs: 3_600_000 });
});
after(async () => {
  await compacting.close();
  await keeping.close();
});

/** One failing distribution to every target; the image once it settled. */
async function distribute(srv: TestServer): Promise<{ arn: string; image: Image; runId: string }> {
  const c = srv.client();
  const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'wide', distributions: wideDistributions(ACCOUNTS) })))
    .distributionConfigurationArn!;
  const arn = (await c.send(new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })))
    .imageBuildVersionArn!;
  const image = await waitForImage(c, arn);
  return { arn, image, runId: srv.services.runs.runsOfImage(scope, arn)[0]!.runId };
}

const rows = (srv: TestServer, table: string, runId: string): number =>
  srv.db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE account_id = ? AND region = ? AND run_id = ?`)
    .pluck()
    .get(scope.accountId, scope.region, runId) as number;

describe('step retention', () => {
  it('compacts a finished run’s steps and keeps the image, its outputs and the job totals; RetryImage is refused', async () => {
    const kept = await distribute(keeping);
    const gone = await distribute(compacting);

    // The control keeps every row; the compacting server has none left for the run.
    assert.ok(rows(keeping, 'distribution_steps', kept.runId) > 4 * ACCOUNTS, 'the control keeps its steps');
    assert.ok(rows(keeping, 'workflow_step_executions', kept.runId) > 0, 'the control keeps its step-execution ids');
    assert.equal(rows(compacting, 'distribution_steps', gone.runId), 0);
    assert.equal(rows(compacting, 'workflow_step_executions', gone.runId), 0);
    const run = compacting.services.runs.getRun(scope, gone.runId)!;
    assert.equal(run.status, 'failed');
    assert.ok(run.compacted && run.compacted.at >= run.endTime!, 'compacted after the run ended');

    // The image and its outputs are the same as the control's (AMI ids differ, their places do not).
    assert.equal(gone.image.state?.status, 'FAILED');
    assert.equal(gone.image.state?.reason, kept.image.state?.reason);
    const places = (im: Image) => (im.outputResources?.amis ?? []).map((a) => `${a.region}|${a.accountId}`).sort();
    assert.equal(places(gone.image).length, WIDE_REGIONS.length * (ACCOUNTS - WITHOUT_ROLE + 1));
    assert.deepEqual(places(gone.image), places(kept.image));
    const again = (await compacting.client().send(new GetImageCommand({ imageBuildVersionArn: gone.arn }))).image!;
    assert.deepEqual(again.outputResources, gone.image.outputResources);

    // The run's workflow execution keeps its totals; its step executions are gone.
    const totals = async (srv: TestServer, arn: string) => {
      const c = srv.client();
      const listed = (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
      assert.equal(listed.length, 1);
      const one = await c.send(new GetWorkflowExecutionCommand({ workflowExecutionId: listed[0]!.workflowExecutionId! }));
      const pick = (w: { status?: string; totalStepCount?: number; totalStepsSucceeded?: number; totalStepsFailed?: number; totalStepsSkipped?: number }) => [
        w.status,
        w.totalStepCount,
        w.totalStepsSucceeded,
        w.totalStepsFailed,
        w.totalStepsSkipped,
      ];
      assert.deepEqual(pick(one), pick(listed[0]!));
      return { id: listed[0]!.workflowExecutionId!, totals: pick(one) };
    };
    const keptTotals = await totals(keeping, kept.arn);
    const goneTotals = await totals(compacting, gone.arn);
    assert.deepEqual(goneTotals.totals, keptTotals.totals);
    const [status, total, succeeded, failed, skipped] = keptTotals.totals;
    assert.deepEqual([status, failed, skipped], ['FAILED', WIDE_REGIONS.length * WITHOUT_ROLE, 0]);
    assert.equal(succeeded, (total as number) - WIDE_REGIONS.length * WITHOUT_ROLE);
    const keptSteps = [];
    for await (const pg of paginateListWorkflowStepExecutions({ client: keeping.client() }, { workflowExecutionId: keptTotals.id }))
      keptSteps.push(...pg.steps!);
    assert.equal(keptSteps.length, total);
    assert.equal(rows(keeping, 'workflow_step_executions', kept.runId), total);
    const goneSteps = await compacting.client().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: goneTotals.id }));
    assert.deepEqual(goneSteps.steps, []);
    assert.equal(goneSteps.nextToken, undefined);

    // RetryImage: refused on the compacted run, nothing changes; the control retries.
    const err = await errorOf(() => compacting.client().send(new RetryImageCommand({ imageBuildVersionArn: gone.arn, clientToken: 'retry-1' })));
    assert.equal(err.name, 'InvalidRequestException');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(
      err.message,
      `The image '${gone.arn}' cannot be retried: the steps of its last distribution were compacted at ${run.compacted.at} by the step retention setting. Distribute the image again with DistributeImage.`,
    );
    assert.equal(compacting.services.runs.runsOfImage(scope, gone.arn).length, 1);
    assert.equal((await compacting.client().send(new GetImageCommand({ imageBuildVersionArn: gone.arn }))).image?.state?.status, 'FAILED');
    await keeping.client().send(new RetryImageCommand({ imageBuildVersionArn: kept.arn, clientToken: 'retry-1' }));
    assert.equal(keeping.services.runs.runsOfImage(scope, kept.arn).length, 2);
    assert.equal((await waitForImage(keeping.client(), kept.arn)).state?.status, 'FAILED');
  });
});
