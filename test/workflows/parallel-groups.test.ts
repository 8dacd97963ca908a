// TEST workflows in parallel groups, through the AWS SDK: the workflows of one group run at the
// same time (observable as their gates waiting together), at most five at once with the next
// starting as one ends; a later group starts only when the earlier one has ended; a workflow that
// fails with onFailure ABORT cancels the ones running beside it and skips the groups after it;
// CancelImageCreation cancels them all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelImageCreationCommand,
  CreateWorkflowCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
  type ImagebuilderClient,
  type WorkflowConfiguration,
  type WorkflowStepExecution,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { imageWithWorkflows, waitingSteps } from './helpers.js';

const GATED = `schemaVersion: 1.0
steps:
  - name: Launch
    action: LaunchInstance
    inputs:
      waitFor: ssmAgent
  - name: Gate
    action: WaitForAction
`;

let srv: TestServer;
let c: ImagebuilderClient;
let wf: string;

before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
  c = srv.client();
  wf = (await c.send(new CreateWorkflowCommand({ name: 'gated-test', semanticVersion: '1.0.0', type: 'TEST', data: GATED }))).workflowBuildVersionArn!;
});
after(() => srv.close());

const image = (name: string, workflows: WorkflowConfiguration[]) => imageWithWorkflows(c, name, workflows);
const waitingN = (arn: string, n: number) => waitingSteps(c, arn, n);
const tests = async (arn: string) =>
  (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.filter((e) => e.type === 'TEST');
const resume = (arn: string, s: WorkflowStepExecution) =>
  c.send(new SendWorkflowStepActionCommand({ stepExecutionId: s.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));

describe('TEST workflows in parallel groups', () => {
  it('runs a group together and the next group after it', async () => {
    const arn = await image('groups', [
      { workflowArn: wf, parallelGroup: 'smoke' },
      { workflowArn: wf, parallelGroup: 'smoke' },
      { workflowArn: wf, parallelGroup: 'soak' },
    ]);
    // Both smoke workflows wait at the same time; soak has not started.
    const smoke = await waitingN(arn, 2);
    let ex = await tests(arn);
    assert.deepEqual(
      ex.map((e) => [e.parallelGroup, e.status]),
      [
        ['smoke', 'RUNNING'],
        ['smoke', 'RUNNING'],
        ['soak', 'PENDING'],
      ],
    );
    assert.deepEqual(new Set(smoke.map((s) => s.workflowExecutionId)), new Set([ex[0]!.workflowExecutionId, ex[1]!.workflowExecutionId]));
    await resume(arn, smoke[0]!);
    // The RESUME is applied before it is answered. One smoke workflow still runs: soak waits its turn.
    assert.deepEqual((await tests(arn)).map((e) => e.status).sort(), ['COMPLETED', 'PENDING', 'RUNNING']);
    await resume(arn, (await waitingN(arn, 1))[0]!);
    const soak = await waitingN(arn, 1);
    ex = await tests(arn);
    assert.equal(soak[0]!.workflowExecutionId, ex[2]!.workflowExecutionId);
    // The soak workflow started after both smoke workflows ended.
    const smokeEnd = Math.max(...ex.slice(0, 2).map((e) => Date.parse(e.endTime!)));
    assert.ok(Date.parse(ex[2]!.startTime!) >= smokeEnd);
    await resume(arn, soak[0]!);
    assert.equal((await waitForImage(c, arn)).state?.status, 'AVAILABLE');
    assert.deepEqual(
      (await tests(arn)).map((e) => e.status),
      ['COMPLETED', 'COMPLETED', 'COMPLETED'],
    );
  });

  it('starts at most five of a group at once, the sixth when one ends', async () => {
    const arn = await image(
      'six',
      Array.from({ length: 6 }, () => ({ workflowArn: wf, parallelGroup: 'wide' })),
    );
    const five = await waitingN(arn, 5);
    assert.deepEqual(
      (await tests(arn)).map((e) => e.status),
      ['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'PENDING'],
    );
    await resume(arn, five[0]!);
    const next = await waitingN(arn, 5);
    const sixth = (await tests(arn))[5]!;
    assert.equal(sixth.status, 'RUNNING');
    assert.ok(next.some((s) => s.workflowExecutionId === sixth.workflowExecutionId));
    for (const s of next) await resume(arn, s);
    assert.equal((await waitForImage(c, arn)).state?.status, 'AVAILABLE');
  });

  it('a failure with ABORT cancels the workflows running beside it and skips the later groups', async () => {
    const arn = await image('abort', [
      { workflowArn: wf, parallelGroup: 'a', onFailure: 'ABORT' },
      { workflowArn: wf, parallelGroup: 'a' },
      { workflowArn: wf, parallelGroup: 'b' },
    ]);
    const waiting = await waitingN(arn, 2);
    const ex0 = (await tests(arn))[0]!;
    const stop = waiting.find((s) => s.workflowExecutionId === ex0.workflowExecutionId)!;
    await c.send(
      new SendWorkflowStepActionCommand({ stepExecutionId: stop.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'smoke failed' }),
    );
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'FAILED');
    assert.equal(img.state?.reason, "Workflow Step 'Gate' (WaitForAction) failed: smoke failed");
    const ex = await tests(arn);
    assert.deepEqual(
      ex.map((e) => e.status),
      ['ROLLBACK_COMPLETED', 'CANCELLED', 'SKIPPED'],
    );
    const sibling = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: ex[1]!.workflowExecutionId }))).steps!;
    assert.deepEqual(
      sibling.map((s) => s.status),
      ['COMPLETED', 'CANCELLED'],
    );
    assert.equal(
      ((await c.send(new ListWaitingWorkflowStepsCommand({}))).steps ?? []).some((s) => s.imageBuildVersionArn === arn),
      false,
    );
  });

  it('CancelImageCreation while a group waits cancels every workflow of the stage', async () => {
    const arn = await image('cancel-group', [
      { workflowArn: wf, parallelGroup: 'a' },
      { workflowArn: wf, parallelGroup: 'a' },
      { workflowArn: wf, parallelGroup: 'b' },
    ]);
    await waitingN(arn, 2);
    await c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
    assert.equal((await waitForImage(c, arn)).state?.status, 'CANCELLED');
    const ex = await tests(arn);
    assert.deepEqual(
      ex.map((e) => e.status),
      ['CANCELLED', 'CANCELLED', 'CANCELLED'],
    );
    for (const e of ex.slice(0, 2)) {
      const st = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: e.workflowExecutionId }))).steps!;
      assert.deepEqual(
        st.map((s) => s.status),
        ['COMPLETED', 'CANCELLED'],
      );
    }
  });

  it('runs workflows without a group one after another', async () => {
    const arn = await image('ungrouped', [{ workflowArn: wf }, { workflowArn: wf }]);
    const first = await waitingN(arn, 1);
    assert.deepEqual(
      (await tests(arn)).map((e) => e.status),
      ['RUNNING', 'PENDING'],
    );
    await resume(arn, first[0]!);
    const second = await waitingN(arn, 1);
    assert.notEqual(second[0]!.workflowExecutionId, first[0]!.workflowExecutionId);
    await resume(arn, second[0]!);
    assert.equal((await waitForImage(c, arn)).state?.status, 'AVAILABLE');
  });
});
