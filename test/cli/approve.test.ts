// `ibex approve` and `ibex reject` as child processes against a server whose images wait at a
// WaitForAction gate: approve resumes (the image ends AVAILABLE), reject stops with the reason
// (FAILED with it), and an image with nothing waiting exits 1 and changes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateImageCommand, CreateWorkflowCommand, ListWaitingWorkflowStepsCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';
import { runCli } from './run-cli.js';

const GATE =
  'schemaVersion: 1.0\nsteps:\n  - name: Approval\n    action: WaitForAction\n  - name: Ship\n    action: DistributeImage\n    inputs:\n      distributions:\n        - region: us-west-2\n';

let srv: TestServer;
let c: ImagebuilderClient;
let workflowArn: string;
let ep: string[];

before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
  c = srv.client();
  ep = ['--endpoint-url', srv.url];
  workflowArn = (await c.send(new CreateWorkflowCommand({ name: 'cli-gate', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: GATE })))
    .workflowBuildVersionArn!;
});
after(() => srv.close());

async function waitingImage(name: string): Promise<string> {
  const inputs = await buildInputs(c, name);
  const arn = (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows: [{ workflowArn }] }))).imageBuildVersionArn!;
  for (let i = 0; i < 750; i++) {
    const { steps } = await c.send(new ListWaitingWorkflowStepsCommand({}));
    if (steps?.some((s) => s.imageBuildVersionArn === arn)) return arn;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${arn} never waited`);
}

describe('ibex approve / reject', () => {
  it('approve resumes the waiting step and the image ships', async () => {
    const arn = await waitingImage('cli-approve');
    const r = await runCli(['approve', arn, '--reason', 'LGTM', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^approved step Approval \\(step-[0-9a-f-]{36}\\) of ${arn.replace(/[/.]/g, '\\$&')}: LGTM\\n$`));
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.deepEqual(image.outputResources?.amis?.map((a) => a.region).sort(), ['us-east-1', 'us-west-2']);
    // Nothing waits any more: a second approve exits 1.
    const again = await runCli(['approve', arn, ...ep]);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, `ibex: no workflow step of ${arn} is waiting for an action\n`);
  });

  it('reject stops the step and the image fails with the reason', async () => {
    const arn = await waitingImage('cli-reject');
    const r = await runCli(['reject', arn, '--reason', 'security hold', '--json', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { action: string; stepName: string; imageBuildVersionArn: string };
    assert.equal(out.action, 'STOP');
    assert.equal(out.stepName, 'Approval');
    assert.equal(out.imageBuildVersionArn, arn);
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'FAILED');
    assert.equal(image.state?.reason, "Workflow Step 'Approval' (WaitForAction) failed: security hold");
    assert.deepEqual(
      image.outputResources?.amis?.map((a) => a.region),
      ['us-east-1'],
    );
  });
});
