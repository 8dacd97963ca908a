// Custom BUILD and TEST workflows on the simulated build, through the AWS SDK: their executions
// replace the AWS-managed ones step by step, an `if` that is false skips a step, a gate in a TEST
// workflow holds the image in TESTING, STOP with onFailure Continue lets the rest run, STOP in a
// BUILD workflow fails the image, and a WaitForAction that times out fails its step.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
  type ImagebuilderClient,
  type WorkflowConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

const TEST_DOC = `name: test-image
schemaVersion: 1.0
parameters:
  - name: waitForActionAtEnd
    type: boolean
steps:
  - name: LaunchTestInstance
    action: LaunchInstance
    inputs:
      waitFor: "ssmAgent"
  - name: TerminateTestInstance
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: "$.stepOutputs.LaunchTestInstance.instanceId"
  - name: WaitForActionAtEnd
    action: WaitForAction
    onFailure: Continue
    if:
      booleanEquals: true
      value: "$.parameters.waitForActionAtEnd"
  - name: Report
    action: ExecuteStateMachine
    inputs:
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:report"
      input: '{"instance": "{{ $.stepOutputs.LaunchTestInstance.instanceId }}", "type": "{{ $.imagebuilder.imageType }}"}'
`;

const BUILD_DOC = `schemaVersion: 1.0
steps:
  - name: Launch
    action: LaunchInstance
    inputs:
      waitFor: ssmAgent
  - name: Hold
    action: WaitForAction
  - name: Snapshot
    action: CreateImage
    inputs:
      instanceId.$: "$.stepOutputs.Launch.instanceId"
outputs:
  - name: ImageId
    value: "$.stepOutputs.Snapshot.imageId"
`;

let srv: TestServer;
let c: ImagebuilderClient;
let testWf: string;
let buildWf: string;

before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
  c = srv.client();
  testWf = (await c.send(new CreateWorkflowCommand({ name: 'custom-test', semanticVersion: '1.0.0', type: 'TEST', data: TEST_DOC }))).workflowBuildVersionArn!;
  buildWf = (await c.send(new CreateWorkflowCommand({ name: 'custom-build', semanticVersion: '1.0.0', type: 'BUILD', data: BUILD_DOC })))
    .workflowBuildVersionArn!;
});
after(() => srv.close());

async function image(name: string, workflows: WorkflowConfiguration[]): Promise<string> {
  const inputs = await buildInputs(c, name);
  return (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows }))).imageBuildVersionArn!;
}

async function waiting(arn: string) {
  for (let i = 0; i < 750; i++) {
    const s = (await c.send(new ListWaitingWorkflowStepsCommand({}))).steps?.find((x) => x.imageBuildVersionArn === arn);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${arn} never waited`);
}

async function executions(arn: string) {
  return (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
}

async function steps(workflowExecutionId: string) {
  return (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId }))).steps!;
}

describe('custom BUILD and TEST workflows', () => {
  it('runs a TEST workflow step by step, skipping the step whose condition is false', async () => {
    const arn = await image('custom-test-skip', [{ workflowArn: testWf, parameters: [{ name: 'waitForActionAtEnd', value: ['false'] }] }]);
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'AVAILABLE');
    const ex = await executions(arn);
    // The default build-image execution, then the custom TEST one (it replaces test-image).
    assert.deepEqual(
      ex.map((e) => `${e.type} ${e.workflowBuildVersionArn} ${e.status}`),
      ['BUILD arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1 COMPLETED', `TEST ${testWf} COMPLETED`],
    );
    const st = await steps(ex[1]!.workflowExecutionId!);
    assert.deepEqual(
      st.map((s) => [s.name, s.action, s.status]),
      [
        ['LaunchTestInstance', 'LaunchInstance', 'COMPLETED'],
        ['TerminateTestInstance', 'TerminateInstance', 'COMPLETED'],
        ['WaitForActionAtEnd', 'WaitForAction', 'SKIPPED'],
        ['Report', 'ExecuteStateMachine', 'COMPLETED'],
      ],
    );
    const instanceId = JSON.parse(st[0]!.outputs!).instanceId as string;
    assert.match(instanceId, /^i-[0-9a-f]{17}$/);
    assert.deepEqual(JSON.parse(st[1]!.inputs!), { instanceId });
    assert.deepEqual(JSON.parse(st[3]!.inputs!), {
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:report',
      input: `{"instance": "${instanceId}", "type": "AMI"}`,
    });
    assert.match(JSON.parse(st[3]!.outputs!).executionArn, /^arn:aws:states:us-east-1:123456789012:execution:report:/);
  });

  it('holds the image in TESTING at a gate; STOP with onFailure Continue lets the rest run', async () => {
    const arn = await image('custom-test-gate', [{ workflowArn: testWf, parameters: [{ name: 'waitForActionAtEnd', value: ['true'] }] }]);
    const w = await waiting(arn);
    assert.equal(w.name, 'WaitForActionAtEnd');
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'TESTING');
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: w.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'flaky check' }));
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'AVAILABLE');
    const st = await steps(w.workflowExecutionId!);
    assert.deepEqual(
      st.map((s) => s.status),
      ['COMPLETED', 'COMPLETED', 'FAILED', 'COMPLETED'],
    );
    assert.equal(st[2]!.message, 'flaky check');
    const ex = (await executions(arn)).find((e) => e.type === 'TEST')!;
    assert.equal(ex.status, 'COMPLETED');
    assert.equal(ex.totalStepsFailed, 1);
  });

  it('a custom BUILD workflow replaces build-image; STOP at its gate fails the image with the reason', async () => {
    const ok = await image('custom-build-ok', [{ workflowArn: buildWf }]);
    const w1 = await waiting(ok);
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: ok }))).image?.state?.status, 'BUILDING');
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: w1.stepExecutionId, imageBuildVersionArn: ok, action: 'RESUME' }));
    const img = await waitForImage(c, ok);
    assert.equal(img.state?.status, 'AVAILABLE');
    const ex = await executions(ok);
    // Only BUILD listed: no TEST workflow was named, so no test stage.
    assert.deepEqual(
      ex.map((e) => `${e.type} ${e.workflowBuildVersionArn} ${e.status}`),
      [`BUILD ${buildWf} COMPLETED`],
    );
    const snap = JSON.parse((await steps(ex[0]!.workflowExecutionId!))[2]!.outputs!) as { imageId: string };
    assert.equal(snap.imageId, img.outputResources?.amis?.[0]?.image);

    const stopped = await image('custom-build-stop', [{ workflowArn: buildWf }]);
    const w2 = await waiting(stopped);
    await c.send(
      new SendWorkflowStepActionCommand({ stepExecutionId: w2.stepExecutionId, imageBuildVersionArn: stopped, action: 'STOP', reason: 'not today' }),
    );
    const failed = await waitForImage(c, stopped);
    assert.equal(failed.state?.status, 'FAILED');
    assert.equal(failed.state?.reason, "Workflow Step 'Hold' (WaitForAction) failed: not today");
    assert.deepEqual(
      (await steps(w2.workflowExecutionId!)).map((s) => s.status),
      ['COMPLETED', 'FAILED', 'SKIPPED'],
    );
  });

  it('fails a WaitForAction that gets no action before its timeout', async () => {
    const doc = 'schemaVersion: 1.0\nsteps:\n  - name: Gate\n    action: WaitForAction\n    timeoutSeconds: 1\n';
    const wf = (await c.send(new CreateWorkflowCommand({ name: 'short-gate', semanticVersion: '1.0.0', type: 'TEST', data: doc }))).workflowBuildVersionArn!;
    const arn = await image('short-gate', [{ workflowArn: wf }]);
    const img = await waitForImage(c, arn, 20_000);
    assert.equal(img.state?.status, 'FAILED');
    assert.equal(img.state?.reason, "Workflow Step 'Gate' (WaitForAction) failed: The step timed out after 1 seconds without an action.");
  });
});
