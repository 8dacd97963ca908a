// ListWorkflowExecutions, GetWorkflowExecution, ListWorkflowStepExecutions and
// GetWorkflowStepExecution: the DISTRIBUTION workflow with one step per job.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  DistributeImageCommand,
  GetWorkflowExecutionCommand,
  GetWorkflowStepExecutionCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { NOROLE, OWNER, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
let imageArn: string;
before(async () => {
  srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 5 } });
  const c = srv.client();
  const cfg = (
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'wf-config',
        distributions: [
          {
            region: 'us-west-2',
            amiDistributionConfiguration: { name: 'wf {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET, NOROLE] },
            ssmParameterConfigurations: [{ parameterName: '/wf/ami' }],
          },
        ],
      }),
    )
  ).distributionConfigurationArn!;
  imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })))
    .imageBuildVersionArn!;
  await waitForImage(c, imageArn);
});
after(() => srv.close());

describe('workflow executions', () => {
  it('ListWorkflowExecutions shows one DISTRIBUTION execution with step totals', async () => {
    const out = await srv.client().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }));
    assert.equal(out.imageBuildVersionArn, imageArn);
    assert.equal(out.workflowExecutions?.length, 1);
    const wf = out.workflowExecutions![0]!;
    assert.equal(wf.type, 'DISTRIBUTION');
    assert.equal(wf.status, 'FAILED');
    assert.match(wf.workflowExecutionId!, /^wf-[0-9a-f-]{36}$/);
    assert.equal(wf.workflowBuildVersionArn, 'arn:aws:imagebuilder:us-east-1:aws:workflow/distribution/distribute-image/1.0.0/1');
    assert.equal(wf.totalStepCount, 4);
    assert.equal(wf.totalStepsSucceeded, 3);
    assert.equal(wf.totalStepsFailed, 1);
    assert.equal(wf.retried, false);
  });

  it('GetWorkflowExecution returns the same execution and its image', async () => {
    const list = await srv.client().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }));
    const id = list.workflowExecutions![0]!.workflowExecutionId!;
    const got = await srv.client().send(new GetWorkflowExecutionCommand({ workflowExecutionId: id }));
    assert.equal(got.imageBuildVersionArn, imageArn);
    assert.equal(got.status, 'FAILED');
    assert.ok(got.startTime && got.endTime && got.endTime >= got.startTime);
  });

  it('ListWorkflowStepExecutions has one step per job with distributedImages outputs, and GetWorkflowStepExecution agrees', async () => {
    const id = (await srv.client().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions![0]!.workflowExecutionId!;
    const out = await srv.client().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }));
    const byName = new Map(out.steps!.map((s) => [s.name, s]));
    assert.deepEqual(
      [...byName.keys()].sort(),
      [`ami:us-west-2:${TARGET}`, `ami:us-west-2:${OWNER}`, `ami:us-west-2:${NOROLE}`, `ssmParameter:us-west-2:${OWNER}:/wf/ami`].sort(),
    );
    const target = byName.get(`ami:us-west-2:${TARGET}`)!;
    assert.equal(target.status, 'COMPLETED');
    assert.equal(target.action, 'DistributeImage');
    const distributed = (JSON.parse(target.outputs!) as { distributedImages: { accountId: string; region: string; amiId: string; status: string }[] })
      .distributedImages;
    assert.equal(distributed[0]!.accountId, TARGET);
    assert.equal(distributed[0]!.status, 'Completed');
    assert.match(distributed[0]!.amiId, /^ami-/);
    const failed = byName.get(`ami:us-west-2:${NOROLE}`)!;
    assert.equal(failed.status, 'FAILED');
    assert.ok(failed.message!.includes('EC2ImageBuilderDistributionCrossAccountRole'));
    const one = await srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: target.stepExecutionId }));
    assert.equal(one.name, target.name);
    assert.equal(one.workflowExecutionId, id);
    assert.equal(one.imageBuildVersionArn, imageArn);
    assert.equal(one.outputs, target.outputs);
  });

  it('returns ResourceNotFoundException for unknown ids and rejects malformed ones', async () => {
    const err = await errorOf(() => srv.client().send(new GetWorkflowExecutionCommand({ workflowExecutionId: 'wf-00000000-0000-0000-0000-000000000000' })));
    assert.equal(err.name, 'ResourceNotFoundException');
    const bad = await errorOf(() => srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: 'step-1' })));
    assert.equal(bad.name, 'InvalidParameterValueException');
    const other = await errorOf(async () => {
      const id = (await srv.client().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn }))).workflowExecutions![0]!.workflowExecutionId!;
      return srv.client(TARGET).send(new GetWorkflowExecutionCommand({ workflowExecutionId: id }));
    });
    assert.equal(other.name, 'ResourceNotFoundException');
  });
});

describe('workflow executions of a built image', () => {
  let built: TestServer;
  let arn: string;
  before(async () => {
    built = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5 });
    const c = built.client();
    const inputs = await buildInputs(c, 'wf-build', [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'wfb {{ imagebuilder:buildDate }}' } }]);
    arn = (await c.send(new CreateImageCommand(inputs))).imageBuildVersionArn!;
    await waitForImage(c, arn);
  });
  after(() => built.close());

  it('GetWorkflowExecution, ListWorkflowStepExecutions and GetWorkflowStepExecution answer for BUILD and TEST executions', async () => {
    const c = built.client();
    const list = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const buildWf = list.workflowExecutions!.find((w) => w.type === 'BUILD')!;
    const testWf = list.workflowExecutions!.find((w) => w.type === 'TEST')!;
    const got = await c.send(new GetWorkflowExecutionCommand({ workflowExecutionId: buildWf.workflowExecutionId }));
    assert.equal(got.type, 'BUILD');
    assert.equal(got.status, 'COMPLETED');
    assert.equal(got.imageBuildVersionArn, arn);
    const steps = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: buildWf.workflowExecutionId }));
    assert.equal(steps.steps?.length, 1);
    const step = steps.steps![0]!;
    assert.equal(step.name, 'BuildImage');
    assert.equal(step.status, 'COMPLETED');
    assert.match((JSON.parse(step.outputs!) as { imageId: string }).imageId, /^ami-/);
    const one = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.equal(one.workflowExecutionId, buildWf.workflowExecutionId);
    assert.equal(one.imageBuildVersionArn, arn);
    const testSteps = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: testWf.workflowExecutionId }));
    assert.equal(testSteps.steps?.[0]?.name, 'TestImage');
    const other = await errorOf(() => built.client(TARGET).send(new GetWorkflowExecutionCommand({ workflowExecutionId: buildWf.workflowExecutionId })));
    assert.equal(other.name, 'ResourceNotFoundException');
  });
});
