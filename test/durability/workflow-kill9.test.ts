// Durability of a waiting workflow step: the real `ibex serve` on a file database is killed with
// SIGKILL while an image waits at a WaitForAction gate; after a restart the step still waits;
// once resumed it is killed again while the next step's copy is in flight, and after that restart
// the workflow completes with exactly one copy.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateImageCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  ImagebuilderClient,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowStepExecutionsCommand,
  SendWorkflowStepActionCommand,
} from '@aws-sdk/client-imagebuilder';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { killAll, killHard, startChild } from '../helpers/process.js';
import { waitForImage } from '../helpers/images.js';

const dir = mkdtempSync(join(tmpdir(), 'ibex-workflow-kill9-'));
after(() => {
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const GATE =
  'schemaVersion: 1.0\nsteps:\n  - name: Approval\n    action: WaitForAction\n  - name: Ship\n    action: DistributeImage\n    inputs:\n      distributions:\n        - region: us-west-2\n';

const client = (url: string) =>
  new ImagebuilderClient({
    endpoint: url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: STARTER.managementAccountId, secretAccessKey: 'x' },
  });

async function waitingStep(c: ImagebuilderClient, arn: string) {
  for (let i = 0; i < 500; i++) {
    const s = (await c.send(new ListWaitingWorkflowStepsCommand({}))).steps?.find((x) => x.imageBuildVersionArn === arn);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${arn} never waited`);
}

describe('a waiting workflow step across kill -9', () => {
  it('still waits after the restart and distributes once when resumed', async () => {
    let child = await startChild(dir);
    let c = client(child.url);
    // The starter world's build and copy take seconds; this test is about the wait.
    const t = await fetch(`${child.url}/_ibex/timings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ buildMs: 0, testMs: 0, copyImageMs: 0 }),
    });
    assert.equal(t.status, 200);
    const workflowArn = (await c.send(new CreateWorkflowCommand({ name: 'gate', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: GATE })))
      .workflowBuildVersionArn!;
    const recipe = await c.send(
      new CreateImageRecipeCommand({
        name: 'gated',
        semanticVersion: '1.0.0',
        parentImage: starterImageId('us-east-1', 'Linux'),
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
      }),
    );
    const infra = await c.send(new CreateInfrastructureConfigurationCommand({ name: 'gated', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }));
    const arn = (
      await c.send(
        new CreateImageCommand({
          imageRecipeArn: recipe.imageRecipeArn!,
          infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
          imageTestsConfiguration: { imageTestsEnabled: false },
          executionRole: 'ImageBuilderRole',
          workflows: [{ workflowArn }],
        }),
      )
    ).imageBuildVersionArn!;
    const step = await waitingStep(c, arn);
    await killHard(child);

    child = await startChild(dir, { port: child.port });
    c = client(child.url);
    const again = await waitingStep(c, arn);
    assert.equal(again.stepExecutionId, step.stepExecutionId);
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'DISTRIBUTING');
    // The copy after the gate takes a while: kill -9 again while that step's run is in flight.
    await fetch(`${child.url}/_ibex/timings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ copyImageMs: 1_500 }),
    });
    await c.send(new SendWorkflowStepActionCommand({ stepExecutionId: step.stepExecutionId, imageBuildVersionArn: arn, action: 'RESUME' }));
    let ship = '';
    for (let i = 0; i < 500 && ship !== 'RUNNING'; i++) {
      ship = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: step.workflowExecutionId }))).steps?.[1]?.status ?? '';
      if (ship !== 'RUNNING') await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(ship, 'RUNNING');
    await killHard(child);
    child = await startChild(dir, { port: child.port });
    c = client(child.url);
    await fetch(`${child.url}/_ibex/timings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ copyImageMs: 0 }) });
    const image = await waitForImage(c, arn, 30_000);
    assert.equal(image.state?.status, 'AVAILABLE', JSON.stringify(image.state));
    const world = (await (await fetch(`${child.url}/_ibex/world`)).json()) as { images: { region: string; tags: Record<string, string>; state: string }[] };
    const copies = world.images.filter((i) => i.tags.Ec2ImageBuilderArn === arn && i.region === 'us-west-2' && i.state !== 'deregistered');
    assert.equal(copies.length, 1);
    await killHard(child);
  });
});
