// RetryImage of an image whose custom DISTRIBUTION workflow failed, through the AWS SDK: a new
// execution of the workflow (`retried: true`) carries over the steps before the failed one —
// what they distributed is not copied again — and runs the failed step and the rest again, so a
// stopped approval gate waits again and, resumed, completes the image; a DistributeImage step that
// failed makes only the copy that failed; a kill -9 inside RetryImage leaves nothing half-started.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateWorkflowCommand,
  ImagebuilderClient,
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  RetryImageCommand,
  SendWorkflowStepActionCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { freePort, killAll, killHard, pausedAt, startChild } from '../helpers/process.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { imageWithWorkflows, waitingStep } from './helpers.js';

const DOC = `name: gate
schemaVersion: 1.0
steps:
  - name: DistributeCanary
    action: DistributeImage
    inputs:
      distributions:
        - region: us-west-2
          name: "canary {{ imagebuilder:buildDate }}"
  - name: WaitForApproval
    action: WaitForAction
  - name: DistributeRest
    action: DistributeImage
    inputs:
      distributions:
        - region: eu-west-1
          name: "rest {{ imagebuilder:buildDate }}"
`;

const amisOf = (srv: TestServer, imageArn: string) =>
  srv.world
    .snapshot()
    .images.filter((i) => i.tags.Ec2ImageBuilderArn === imageArn && i.state !== 'deregistered')
    .map((i) => `${i.region}/${i.accountId}`)
    .sort();

describe('RetryImage of a failed custom DISTRIBUTION workflow', () => {
  let srv: TestServer;
  let c: ImagebuilderClient;
  before(async () => {
    srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
    c = srv.client();
  });
  after(() => srv.close());

  it('runs the workflow again from the failed step, keeps what arrived, and completes the image', async () => {
    const { workflowBuildVersionArn: workflowArn } = await c.send(
      new CreateWorkflowCommand({ name: 'retry-gate', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: DOC }),
    );
    const arn = await imageWithWorkflows(c, 'retry-gate', [{ workflowArn }]);
    const first = await waitingStep(c, arn);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: first.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'not yet' }));
    assert.equal((await waitForImage(c, arn!)).state?.status, 'FAILED');
    const canary = srv.world.snapshot().images.find((i) => i.tags.Ec2ImageBuilderArn === arn && i.region === 'us-west-2')!.imageId;

    const out = await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-gate-1' }));
    assert.equal(out.imageBuildVersionArn, arn);
    const second = await waitingStep(c, arn, first.stepExecutionId);
    assert.notEqual(second.workflowExecutionId, first.workflowExecutionId);
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'DISTRIBUTING');

    const { workflowExecutions } = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    const dist = workflowExecutions!.filter((e) => e.type === 'DISTRIBUTION');
    assert.deepEqual(
      dist.map((e) => [e.workflowExecutionId, e.workflowBuildVersionArn, e.status, e.retried]),
      [
        [first.workflowExecutionId, workflowArn, 'FAILED', false],
        [second.workflowExecutionId, workflowArn, 'RUNNING', true],
      ],
    );
    const { steps } = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: second.workflowExecutionId }));
    assert.deepEqual(
      steps!.map((s) => [s.name, s.status]),
      [
        ['DistributeCanary', 'COMPLETED'],
        ['WaitForApproval', 'WAITING'],
        ['DistributeRest', 'PENDING'],
      ],
    );
    // The carried-over step keeps its outputs: the canary AMI distributed before the failure.
    assert.equal(JSON.parse(steps![0]!.outputs!).distributedImages.find((d: { region: string }) => d.region === 'us-west-2').amiId, canary);

    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: second.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', JSON.stringify(image.state));
    // One AMI per Region: the canary was not copied again.
    assert.deepEqual(amisOf(srv, arn!), [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${OWNER}`]);
    assert.deepEqual(image.outputResources!.amis!.map((a) => `${a.region}/${a.image === canary ? 'canary' : 'other'}`).sort(), [
      'eu-west-1/other',
      'us-east-1/other',
      'us-west-2/canary',
    ]);

    // An AVAILABLE image cannot be retried; the failed execution stays as it was.
    const again = await errorOf(() => c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-gate-2' })));
    assert.equal(again.name, 'InvalidRequestException');
    const listed = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.deepEqual(
      listed.workflowExecutions!.filter((e) => e.type === 'DISTRIBUTION').map((e) => e.status),
      ['FAILED', 'COMPLETED'],
    );
  });

  it('runs a DistributeImage step that failed again: the copy that failed is made, the one that arrived is not made twice', async () => {
    const doc = `schemaVersion: 1.0
steps:
  - name: DistributeBoth
    action: DistributeImage
    inputs:
      distributions:
        - region: us-west-2
          name: "both {{ imagebuilder:buildDate }}"
        - region: eu-west-1
          name: "both {{ imagebuilder:buildDate }}"
`;
    const { workflowBuildVersionArn: workflowArn } = await c.send(
      new CreateWorkflowCommand({ name: 'retry-copy', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: doc }),
    );
    const fault = await fetch(`${srv.url}/_ibex/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'ec2', operation: 'CopyImage', region: 'eu-west-1', accountId: OWNER, error: 'InvalidParameterValue', times: 1 }),
    });
    assert.equal(fault.status, 200);
    const arn = await imageWithWorkflows(c, 'retry-copy', [{ workflowArn }]);
    const failed = await waitForImage(c, arn);
    assert.equal(failed.state?.status, 'FAILED');
    assert.match(failed.state!.reason!, /^Workflow Step 'DistributeBoth' \(DistributeImage\) failed: /);
    assert.deepEqual(amisOf(srv, arn), [`us-east-1/${OWNER}`, `us-west-2/${OWNER}`]);
    const west = srv.world.snapshot().images.find((i) => i.tags.Ec2ImageBuilderArn === arn && i.region === 'us-west-2')!.imageId;

    await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-copy-1' }));
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', JSON.stringify(image.state));
    assert.deepEqual(amisOf(srv, arn), [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${OWNER}`]);
    assert.equal(srv.world.snapshot().images.find((i) => i.tags.Ec2ImageBuilderArn === arn && i.region === 'us-west-2')!.imageId, west);
    const { workflowExecutions } = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.deepEqual(
      workflowExecutions!.filter((e) => e.type === 'DISTRIBUTION').map((e) => [e.status, e.retried]),
      [
        ['FAILED', false],
        ['COMPLETED', true],
      ],
    );
  });
});

describe('RetryImage of a failed workflow interrupted by kill -9', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ibex-retry-workflow-'));
    writeFileSync(join(dir, 'world.json'), JSON.stringify(buildWorld()));
  });
  after(() => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the image FAILED with no new execution; the retried token then runs the workflow once', async () => {
    const port = await freePort();
    const data = join(dir, 'data');
    const c = new ImagebuilderClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: OWNER, secretAccessKey: 'x' },
    });
    const start = (pauseAt?: string) =>
      startChild(data, { port, args: ['--world', join(dir, 'world.json')], ...(pauseAt ? { env: { IBEX_TEST: '1', IBEX_PAUSE_AT: pauseAt } } : {}) });
    let child = await start('retry-image');
    const { workflowBuildVersionArn: workflowArn } = await c.send(
      new CreateWorkflowCommand({ name: 'retry-crash', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: DOC }),
    );
    const arn = await imageWithWorkflows(c, 'retry-crash', [{ workflowArn }]);
    const gate = await waitingStep(c, arn);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: gate.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP' }));
    assert.equal((await waitForImage(c, arn)).state?.status, 'FAILED');
    c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-crash-1' })).catch(() => undefined);
    await pausedAt(child, 'retry-image');
    await killHard(child);
    child = await start();
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'FAILED');
    const dist = async () =>
      (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.filter((e) => e.type === 'DISTRIBUTION');
    assert.deepEqual(
      (await dist()).map((e) => e.status),
      ['FAILED'],
    );
    await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-crash-1' }));
    const again = await waitingStep(c, arn, gate.stepExecutionId);
    await c.send(new RetryImageCommand({ imageBuildVersionArn: arn, clientToken: 'retry-crash-1' }));
    assert.deepEqual(
      (await dist()).map((e) => e.status),
      ['FAILED', 'RUNNING'],
    );
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: again.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));
    assert.equal((await waitForImage(c, arn, 20_000)).state?.status, 'AVAILABLE');
    await killHard(child);
  });
});
