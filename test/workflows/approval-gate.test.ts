// A DISTRIBUTION workflow with an approval gate, through the AWS SDK: it distributes to a first
// Region (and a target account), waits at a WaitForAction step that ListWaitingWorkflowSteps
// lists, and on RESUME distributes to the rest and shares there; STOP ends the image FAILED with
// the reason and nothing distributed after the wait; a waiting image survives a restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelImageCreationCommand,
  CreateImageCommand,
  CreateImagePipelineCommand,
  CreateWorkflowCommand,
  StartImagePipelineExecutionCommand,
  GetImageCommand,
  GetWorkflowStepExecutionCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
  type ImagebuilderClient,
  type WorkflowStepExecution,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

export const GATED = `name: gated-rollout
description: Canary Region first, then approval, then the rest
schemaVersion: 1.0
parameters:
  - name: restRegion
    type: string
    default: ap-east-1
  - name: shareWith
    type: string
steps:
  - name: DistributeCanary
    action: DistributeImage
    onFailure: Abort
    inputs:
      distributions:
        - region: us-west-2
          name: "canary {{ imagebuilder:buildDate }}"
          targetAccountIds: ["${TARGET}"]
          amiTags:
            stage: canary
  - name: WaitForApproval
    action: WaitForAction
    onFailure: Abort
    inputs:
      payload: "Approve {{ $.stepOutputs.DistributeCanary.distributedImages[0].amiId }}"
  - name: DistributeRest
    action: DistributeImage
    inputs:
      distributions:
        - region.$: "$.parameters.restRegion"
          name: "rest {{ imagebuilder:buildDate }}"
  - name: ShareRest
    action: ModifyImageAttributes
    if:
      stringEquals: "RESUME"
      value: "$.stepOutputs.WaitForApproval.action"
    inputs:
      distributedImages.$: "$.stepOutputs.DistributeRest.distributedImages"
      attributes:
        - region: eu-west-1
          launchPermission:
            userIds: ["{{ $.parameters.shareWith }}"]
`;

async function createGated(c: ImagebuilderClient, name: string): Promise<string> {
  const out = await c.send(new CreateWorkflowCommand({ name, semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: GATED }));
  return out.workflowBuildVersionArn!;
}

async function startImage(c: ImagebuilderClient, name: string, workflowArn: string): Promise<string> {
  const inputs = await buildInputs(c, name);
  const out = await c.send(
    new CreateImageCommand({
      ...inputs,
      executionRole: 'ImageBuilderRole',
      workflows: [
        {
          workflowArn,
          parameters: [
            { name: 'restRegion', value: ['eu-west-1'] },
            { name: 'shareWith', value: [TARGET] },
          ],
        },
      ],
    }),
  );
  return out.imageBuildVersionArn!;
}

/** Polls ListWaitingWorkflowSteps until the image has a waiting step (bounded). */
async function waitingStep(c: ImagebuilderClient, imageArn: string): Promise<WorkflowStepExecution> {
  for (let i = 0; i < 750; i++) {
    const { steps } = await c.send(new ListWaitingWorkflowStepsCommand({}));
    const s = steps?.find((x) => x.imageBuildVersionArn === imageArn);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`image ${imageArn} never reached a waiting step`);
}

async function stepStatuses(c: ImagebuilderClient, workflowExecutionId: string) {
  const { steps } = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId }));
  return steps!.map((s) => [s.name, s.status]);
}

function amisOf(srv: TestServer, imageArn: string) {
  return srv.world
    .snapshot()
    .images.filter((i) => i.tags.Ec2ImageBuilderArn === imageArn && i.state !== 'deregistered')
    .map((i) => ({ region: i.region, accountId: i.accountId, imageId: i.imageId, tags: i.tags, userIds: i.launchPermissions.userIds }))
    .sort((a, b) => `${a.region}${a.accountId}`.localeCompare(`${b.region}${b.accountId}`));
}

describe('a DISTRIBUTION workflow with an approval gate', () => {
  let srv: TestServer;
  let c: ImagebuilderClient;
  let workflowArn: string;
  before(async () => {
    srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
    c = srv.client();
    workflowArn = await createGated(c, 'gated');
  });
  after(() => srv.close());

  it('distributes to the canary Region, waits, and on RESUME distributes to the rest and shares there', async () => {
    const arn = await startImage(c, 'gated-resume', workflowArn);
    const waiting = await waitingStep(c, arn);
    assert.equal(waiting.name, 'WaitForApproval');
    assert.equal(waiting.action, 'WaitForAction');
    assert.equal(waiting.workflowBuildVersionArn, workflowArn);

    // While it waits: DISTRIBUTING, the canary copies exist, nothing in the rest.
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'DISTRIBUTING');
    const before = amisOf(srv, arn);
    assert.deepEqual(
      before.map((a) => `${a.region}/${a.accountId}`),
      [`us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`],
    );
    assert.equal(before.find((a) => a.region === 'us-west-2' && a.accountId === OWNER)!.tags.stage, 'canary');

    const { workflowExecutions } = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const dist = workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!;
    assert.equal(dist.workflowBuildVersionArn, workflowArn);
    assert.equal(dist.status, 'RUNNING');
    assert.equal(dist.workflowExecutionId, waiting.workflowExecutionId);
    assert.deepEqual(await stepStatuses(c, dist.workflowExecutionId!), [
      ['DistributeCanary', 'COMPLETED'],
      ['WaitForApproval', 'WAITING'],
      ['DistributeRest', 'PENDING'],
      ['ShareRest', 'PENDING'],
    ]);
    // The wait's payload was interpolated from the canary step's output.
    const wait = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: waiting.stepExecutionId }));
    const canaryAmi = before.find((a) => a.region === 'us-west-2' && a.accountId === OWNER)!.imageId;
    assert.deepEqual(JSON.parse(wait.inputs!), { payload: `Approve ${canaryAmi}` });
    assert.equal(wait.timeoutSeconds, 259200);

    const resume = {
      stepExecutionId: waiting.stepExecutionId,
      imageBuildVersionArn: arn,
      action: 'RESUME' as const,
      reason: 'canary healthy',
      clientToken: `resume-${arn}`.slice(-64),
    };
    const first = await c.send(new SendWorkflowStepActionCommand(resume));
    // A retried request (same client token) replays the answer instead of acting twice.
    const replay = await c.send(new SendWorkflowStepActionCommand(resume));
    assert.deepEqual([replay.stepExecutionId, replay.clientToken], [first.stepExecutionId, first.clientToken]);
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', JSON.stringify(image.state));

    const after = amisOf(srv, arn);
    assert.deepEqual(
      after.map((a) => `${a.region}/${a.accountId}`),
      [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`],
    );
    assert.deepEqual(after.find((a) => a.region === 'eu-west-1')!.userIds, [TARGET]);
    const outputs = image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}/${a.image}`).sort();
    assert.deepEqual(outputs, after.map((a) => `${a.region}/${a.accountId}/${a.imageId}`).sort());

    assert.deepEqual(await stepStatuses(c, dist.workflowExecutionId!), [
      ['DistributeCanary', 'COMPLETED'],
      ['WaitForApproval', 'COMPLETED'],
      ['DistributeRest', 'COMPLETED'],
      ['ShareRest', 'COMPLETED'],
    ]);
    const resumed = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: waiting.stepExecutionId }));
    assert.deepEqual(JSON.parse(resumed.outputs!), { action: 'RESUME', reason: 'canary healthy' });
    const { steps } = await c.send(new ListWaitingWorkflowStepsCommand({}));
    assert.equal(
      steps!.some((s) => s.imageBuildVersionArn === arn),
      false,
    );

    // An answered step cannot be answered again.
    const again = await errorOf(() =>
      c.send(new SendWorkflowStepActionCommand({ stepExecutionId: waiting.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP' })),
    );
    assert.equal(again.name, 'InvalidRequestException');
    assert.match(again.message, /is COMPLETED; only a WAITING step can be resumed or stopped/);
  });

  it('on STOP fails the image with the reason and distributes nothing after the wait', async () => {
    const arn = await startImage(c, 'gated-stop', workflowArn);
    const waiting = await waitingStep(c, arn);
    await c.send(
      new SendWorkflowStepActionCommand({ stepExecutionId: waiting.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'canary alarms fired' }),
    );
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'FAILED');
    assert.equal(image.state?.reason, "Workflow Step 'WaitForApproval' (WaitForAction) failed: canary alarms fired");
    assert.deepEqual(
      amisOf(srv, arn).map((a) => `${a.region}/${a.accountId}`),
      [`us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`],
    );
    // What arrived before the wait stays recorded.
    assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.accountId}`).sort(), [
      `us-east-1/${OWNER}`,
      `us-west-2/${TARGET}`,
      `us-west-2/${OWNER}`,
    ]);
    assert.deepEqual(await stepStatuses(c, waiting.workflowExecutionId!), [
      ['DistributeCanary', 'COMPLETED'],
      ['WaitForApproval', 'FAILED'],
      ['DistributeRest', 'SKIPPED'],
      ['ShareRest', 'SKIPPED'],
    ]);
    const { workflowExecutions } = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const dist = workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!;
    assert.equal(dist.status, 'FAILED');
    assert.equal(dist.totalStepsSucceeded, 1);
    assert.equal(dist.totalStepsFailed, 1);
    assert.equal(dist.totalStepsSkipped, 2);
    const stopped = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: waiting.stepExecutionId }));
    assert.equal(stopped.message, 'canary alarms fired');
    assert.deepEqual(JSON.parse(stopped.outputs!), { action: 'STOP', reason: 'canary alarms fired' });
  });

  it('rejects an action for a step of another image, or for a step that does not exist', async () => {
    const a = await startImage(c, 'gated-a', workflowArn);
    const b = await startImage(c, 'gated-b', workflowArn);
    const wa = await waitingStep(c, a);
    await waitingStep(c, b);
    const wrong = await errorOf(() =>
      c.send(new SendWorkflowStepActionCommand({ stepExecutionId: wa.stepExecutionId, imageBuildVersionArn: b, action: 'RESUME' })),
    );
    assert.equal(wrong.name, 'InvalidParameterValueException');
    assert.equal(
      wrong.message,
      `The value supplied for parameter 'imageBuildVersionArn' is not valid. The workflow step execution '${wa.stepExecutionId}' belongs to the image '${a}'.`,
    );
    const missing = await errorOf(() =>
      c.send(new SendWorkflowStepActionCommand({ stepExecutionId: 'step-00000000-0000-0000-0000-000000000000', imageBuildVersionArn: a, action: 'RESUME' })),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.$metadata.httpStatusCode, 404);
    // Nothing changed: both still wait.
    const { steps } = await c.send(new ListWaitingWorkflowStepsCommand({}));
    assert.deepEqual(steps!.filter((s) => s.imageBuildVersionArn === a || s.imageBuildVersionArn === b).length, 2);
  });

  it('gates every build of a pipeline that lists the workflow', async () => {
    const inputs = await buildInputs(c, 'gated-pipeline');
    const { imagePipelineArn } = await c.send(
      new CreateImagePipelineCommand({
        name: 'gated-pipeline',
        ...inputs,
        executionRole: 'ImageBuilderRole',
        workflows: [
          {
            workflowArn: workflowArn.replace(/1\.0\.0\/1$/, 'x.x.x'),
            parameters: [
              { name: 'restRegion', value: ['eu-west-1'] },
              { name: 'shareWith', value: [TARGET] },
            ],
          },
        ],
      }),
    );
    const { imageBuildVersionArn: arn } = await c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn }));
    const waiting = await waitingStep(c, arn!);
    assert.equal(waiting.workflowBuildVersionArn, workflowArn);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: waiting.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.equal(image.sourcePipelineArn, imagePipelineArn);
    assert.deepEqual(
      amisOf(srv, arn!)
        .map((a) => a.region)
        .sort(),
      ['eu-west-1', 'us-east-1', 'us-west-2', 'us-west-2'],
    );
  });

  it('CancelImageCreation at the gate ends the image CANCELLED and the rest is never run', async () => {
    const arn = await startImage(c, 'gated-cancel', workflowArn);
    const waiting = await waitingStep(c, arn);
    await c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'CANCELLED');
    assert.deepEqual(await stepStatuses(c, waiting.workflowExecutionId!), [
      ['DistributeCanary', 'COMPLETED'],
      ['WaitForApproval', 'CANCELLED'],
      ['DistributeRest', 'CANCELLED'],
      ['ShareRest', 'CANCELLED'],
    ]);
    const { workflowExecutions } = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.equal(workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!.status, 'CANCELLED');
    const { steps } = await c.send(new ListWaitingWorkflowStepsCommand({}));
    assert.equal(
      steps!.some((s) => s.imageBuildVersionArn === arn),
      false,
    );
    assert.deepEqual(
      amisOf(srv, arn)
        .map((a) => a.region)
        .includes('eu-west-1'),
      false,
    );
  });
});

describe('a waiting image across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ibex-workflow-restart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps waiting after a restart and completes when resumed', async () => {
    const open = () => startTestServer({ worldSpec: buildWorld(), inMemory: false, dataDir: dir, buildPollMs: 5, runner: { pollMs: 5 } });
    let srv = await open();
    let c = srv.client();
    const workflowArn = await createGated(c, 'gated-durable');
    const arn = await startImage(c, 'gated-durable', workflowArn);
    const waiting = await waitingStep(c, arn);
    await srv.close();
    srv = await open();
    try {
      c = srv.client();
      const again = await waitingStep(c, arn);
      assert.equal(again.stepExecutionId, waiting.stepExecutionId);
      assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'DISTRIBUTING');
      await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: waiting.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));
      const image = await waitForImage(c, arn);
      assert.equal(image.state?.status, 'AVAILABLE', JSON.stringify(image.state));
      assert.deepEqual(
        amisOf(srv, arn).map((a) => `${a.region}/${a.accountId}`),
        [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`],
      );
    } finally {
      await srv.close();
    }
  });
});
