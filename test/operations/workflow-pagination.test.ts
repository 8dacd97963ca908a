// Cursor pagination of the workflow lists over a stored run of thousands of steps (issue 19):
// ListWorkflowStepExecutions pages return every job exactly once, in plan order, each page
// equal to the whole-run view of those jobs; ListWorkflowExecutions' counts agree with the
// whole-run view; a token for another execution is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  RetryImageCommand,
  type WorkflowStepMetadata,
} from '@aws-sdk/client-imagebuilder';
import { workflowExecution, workflowStep, jobViews } from '../../src/engine/workflow-view.js';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { WIDE_OWNER, WIDE_REGIONS, WIDE_SOURCE_AMI, wideDistributions, wideWorld } from '../helpers/wide-world.js';

const ACCOUNTS = 300;
const WITHOUT_ROLE = 3;
const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };
let srv: TestServer;
let arn: string;
before(async () => {
  srv = await startTestServer({ worldSpec: wideWorld(ACCOUNTS, WITHOUT_ROLE) });
  const c = srv.client();
  const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'wide', distributions: wideDistributions(ACCOUNTS) })))
    .distributionConfigurationArn!;
  arn = (await c.send(new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })))
    .imageBuildVersionArn!;
  assert.equal((await waitForImage(c, arn, 60_000)).state?.status, 'FAILED');
});
after(() => srv.close());

async function allSteps(workflowExecutionId: string): Promise<{ steps: WorkflowStepMetadata[]; pages: number }> {
  const steps: WorkflowStepMetadata[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const out = await srv.client().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId, maxResults: 25, nextToken }));
    assert.ok(out.steps!.length <= 25);
    steps.push(...out.steps!);
    nextToken = out.nextToken;
    pages++;
  } while (nextToken);
  return { steps, pages };
}

describe('workflow list pagination over a large stored run', () => {
  it('ListWorkflowStepExecutions returns every job once, in plan order, as the whole-run view has it', async () => {
    const run = srv.services.runs.runsOfImage(scope, arn)[0]!;
    const stored = srv.services.runs.steps(scope, run.runId);
    assert.ok(stored.length >= 3_000, `thousands of steps (${stored.length})`);
    const { steps, pages } = await allSteps(`wf-${run.runId}`);
    assert.equal(steps.length, run.jobs.length);
    assert.equal(pages, Math.ceil(run.jobs.length / 25));
    assert.deepEqual(
      steps.map((s) => s.name),
      run.jobs.map((j) => j.key),
      'every job once, in plan order',
    );
    assert.equal(new Set(steps.map((s) => s.stepExecutionId)).size, steps.length);
    // Each page item equals the view computed from the whole run (the pre-pagination answer).
    const ids = srv.services.runs.jobIds(scope, run.runId);
    const whole = jobViews(run.jobs, stored).map((v) => {
      const { onFailure: _o, timeoutSeconds: _t, ...meta } = workflowStep(v, ids.get(v.job.key)!);
      return meta;
    });
    assert.deepEqual(
      steps.map((s) => ({ ...s })),
      whole.map((s) => JSON.parse(JSON.stringify(s)) as WorkflowStepMetadata),
    );
    const failed = steps.filter((s) => s.status === 'FAILED');
    assert.equal(failed.length, WITHOUT_ROLE * WIDE_REGIONS.length);
  });

  it('ListWorkflowExecutions pages the attempts and counts jobs as the whole-run view does', async () => {
    const c = srv.client();
    await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-1' }));
    await waitForImage(c, arn, 60_000);
    const runs = srv.services.runs.runsOfImage(scope, arn);
    assert.equal(runs.length, 2);
    const first = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, maxResults: 1 }));
    assert.equal(first.workflowExecutions!.length, 1);
    const second = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn, maxResults: 1, nextToken: first.nextToken }));
    assert.equal(second.nextToken, undefined);
    const listed = [...first.workflowExecutions!, ...second.workflowExecutions!];
    const expected = runs.map((r) => JSON.parse(JSON.stringify(workflowExecution(r, srv.services.runs.steps(scope, r.runId)))) as object);
    assert.deepEqual(
      listed.map((e) => ({ ...e })),
      expected,
    );
    assert.equal(listed[0]!.totalStepsFailed, WITHOUT_ROLE * WIDE_REGIONS.length);
    assert.equal(listed[1]!.retried, true);
    // Listed again (now from the ended runs' cached counts): the same answer.
    const again = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.deepEqual(
      again.workflowExecutions!.map((e) => ({ ...e })),
      expected,
    );
  });

  it('refuses a step-list token made for another workflow execution', async () => {
    const runs = srv.services.runs.runsOfImage(scope, arn);
    const page = await srv.client().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: `wf-${runs[0]!.runId}`, maxResults: 5 }));
    const err = await errorOf(() =>
      srv.client().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: `wf-${runs[1]!.runId}`, nextToken: page.nextToken })),
    );
    assert.equal(err.name, 'InvalidParameterValueException');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.message, "The value supplied for parameter 'nextToken' is not valid.");
  });
});
