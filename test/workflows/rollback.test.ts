// Workflow rollback through the AWS SDK: a step failing with onFailure Abort rolls back, last
// first, the earlier steps whose action AWS documents a rollback for (LaunchInstance,
// CollectImageMetadata) and whose rollbackEnabled holds — rollbackStatus COMPLETED on them,
// SKIPPED on the rest, the execution ROLLBACK_COMPLETED and the image FAILED; onFailure Continue
// rolls nothing back; and a rollback a kill -9 interrupted finishes after the restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateWorkflowCommand,
  ImagebuilderClient,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { freePort, killAll, killHard, pausedAt, startChild } from '../helpers/process.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { imageWithWorkflows, waitingStep } from './helpers.js';

// Launch (rolls back), Metadata (rolls back unless the parameter says no), Command (no rollback
// action), then a gate whose STOP fails the workflow.
const DOC = `schemaVersion: 1.0
parameters:
  - name: undoMetadata
    type: boolean
    default: true
steps:
  - name: Launch
    action: LaunchInstance
    inputs:
      waitFor: ssmAgent
  - name: Metadata
    action: CollectImageMetadata
    rollbackEnabled: "$.parameters.undoMetadata"
    inputs:
      instanceId.$: "$.stepOutputs.Launch.instanceId"
  - name: Command
    action: RunCommand
    inputs:
      instanceId.$: "$.stepOutputs.Launch.instanceId"
      documentName: AWS-RunShellScript
  - name: NoUndo
    action: LaunchInstance
    rollbackEnabled: false
    inputs:
      waitFor: ssmAgent
  - name: Gate
    action: WaitForAction
  - name: After
    action: TerminateInstance
    inputs:
      instanceId.$: "$.stepOutputs.Launch.instanceId"
`;

const testExecution = async (c: ImagebuilderClient, arn: string) =>
  (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.find((e) => e.type === 'TEST')!;

const stepRows = async (c: ImagebuilderClient, workflowExecutionId: string) =>
  (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId }))).steps!.map((s) => [s.name, s.status, s.rollbackStatus]);

describe('workflow rollback', () => {
  let srv: TestServer;
  let c: ImagebuilderClient;
  let wf: string;
  before(async () => {
    srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
    c = srv.client();
    wf = (await c.send(new CreateWorkflowCommand({ name: 'undo', semanticVersion: '1.0.0', type: 'TEST', data: DOC }))).workflowBuildVersionArn!;
  });
  after(() => srv.close());

  it('rolls back the rollback-capable steps before an Abort failure, last first, and ends ROLLBACK_COMPLETED', async () => {
    const arn = await imageWithWorkflows(c, 'undo-abort', [{ workflowArn: wf }]);
    const gate = await waitingStep(c, arn);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: gate.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'bad build' }));
    const img = await waitForImage(c, arn);
    assert.equal(img.state?.status, 'FAILED');
    assert.equal(img.state?.reason, "Workflow Step 'Gate' (WaitForAction) failed: bad build");
    const ex = await testExecution(c, arn);
    assert.equal(ex.status, 'ROLLBACK_COMPLETED');
    assert.equal(ex.message, "Workflow Step 'Gate' (WaitForAction) failed: bad build");
    assert.deepEqual(await stepRows(c, ex.workflowExecutionId!), [
      ['Launch', 'COMPLETED', 'COMPLETED'],
      ['Metadata', 'COMPLETED', 'COMPLETED'],
      ['Command', 'COMPLETED', 'SKIPPED'],
      ['NoUndo', 'COMPLETED', 'SKIPPED'],
      ['Gate', 'FAILED', 'SKIPPED'],
      ['After', 'SKIPPED', 'SKIPPED'],
    ]);
    const { steps } = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: ex.workflowExecutionId }));
    const instanceId = JSON.parse(steps![0]!.outputs!).instanceId as string;
    assert.equal(steps![0]!.message, `Completed. Rolled back: the instance ${instanceId} was terminated.`);
    assert.match(steps![1]!.message!, /^Completed\. Rolled back: the SSM association [0-9a-f-]{36} was removed\.$/);
  });

  it('follows a rollbackEnabled JSONPath, and rolls nothing back for onFailure Continue', async () => {
    const arn = await imageWithWorkflows(c, 'undo-param', [{ workflowArn: wf, parameters: [{ name: 'undoMetadata', value: ['false'] }] }]);
    const gate = await waitingStep(c, arn);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: gate.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP' }));
    assert.equal((await waitForImage(c, arn)).state?.status, 'FAILED');
    const ex = await testExecution(c, arn);
    assert.deepEqual(
      (await stepRows(c, ex.workflowExecutionId!)).map((r) => r[2]),
      ['COMPLETED', 'SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED'],
    );

    const cont = (
      await c.send(
        new CreateWorkflowCommand({
          name: 'undo-continue',
          semanticVersion: '1.0.0',
          type: 'TEST',
          data: DOC.replace('    action: WaitForAction\n', '    action: WaitForAction\n    onFailure: Continue\n'),
        }),
      )
    ).workflowBuildVersionArn!;
    const arn2 = await imageWithWorkflows(c, 'undo-continue', [{ workflowArn: cont }]);
    const gate2 = await waitingStep(c, arn2);
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: gate2.stepExecutionId, imageBuildVersionArn: arn2, action: 'STOP' }));
    assert.equal((await waitForImage(c, arn2)).state?.status, 'AVAILABLE');
    const ex2 = await testExecution(c, arn2);
    assert.equal(ex2.status, 'COMPLETED');
    assert.deepEqual(
      (await stepRows(c, ex2.workflowExecutionId!)).map((r) => `${r[1]}/${r[2]}`),
      ['COMPLETED/SKIPPED', 'COMPLETED/SKIPPED', 'COMPLETED/SKIPPED', 'COMPLETED/SKIPPED', 'FAILED/SKIPPED', 'COMPLETED/SKIPPED'],
    );
  });
});

describe('a rollback interrupted by kill -9', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ibex-rollback-'));
    writeFileSync(join(dir, 'world.json'), JSON.stringify(buildWorld()));
  });
  after(() => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after the restart: the steps are rolled back once and the execution ends ROLLBACK_COMPLETED', async () => {
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
    let child = await start('workflow-rollback');
    const wf = (await c.send(new CreateWorkflowCommand({ name: 'undo', semanticVersion: '1.0.0', type: 'TEST', data: DOC }))).workflowBuildVersionArn!;
    const arn = await imageWithWorkflows(c, 'undo-crash', [{ workflowArn: wf }]);
    const gate = await waitingStep(c, arn);
    c.send(new SendWorkflowStepActionCommand({ stepExecutionId: gate.stepExecutionId, imageBuildVersionArn: arn, action: 'STOP', reason: 'halt' })).catch(
      () => undefined,
    );
    await pausedAt(child, 'workflow-rollback');
    await killHard(child);
    child = await start();
    const img = await waitForImage(c, arn, 20_000);
    assert.equal(img.state?.status, 'FAILED');
    assert.equal(img.state?.reason, "Workflow Step 'Gate' (WaitForAction) failed: halt");
    const ex = await testExecution(c, arn);
    assert.equal(ex.status, 'ROLLBACK_COMPLETED');
    const rows = await stepRows(c, ex.workflowExecutionId!);
    assert.deepEqual(
      rows.map((r) => r[2]),
      ['COMPLETED', 'COMPLETED', 'SKIPPED', 'SKIPPED', 'SKIPPED', 'SKIPPED'],
    );
    const { steps } = await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: ex.workflowExecutionId }));
    // Rolled back once: the sentence is recorded a single time.
    assert.equal(steps![0]!.message!.match(/Rolled back/g)!.length, 1);
    await killHard(child);
  });
});
