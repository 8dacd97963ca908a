// The image page's approval gate in headless Chromium against a real server: an image whose
// DISTRIBUTION workflow waits at a WaitForAction step shows the step with Approve and Reject;
// Approve (RESUME) lets it distribute to the rest and end AVAILABLE, Reject asks for a reason and
// (STOP) ends it FAILED with that reason, nothing distributed after the wait. A pipeline made
// through the form with that workflow waits on Run now the same way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CreateImageCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  ListImagePipelinesCommand,
  ListWaitingWorkflowStepsCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

const GATE = `name: console-gate
schemaVersion: 1.0
steps:
  - name: DistributeCanary
    action: DistributeImage
    onFailure: Abort
    inputs:
      distributions:
        - region: us-west-2
          name: "canary {{ imagebuilder:buildDate }}"
          targetAccountIds: ["${TARGET}"]
  - name: WaitForApproval
    action: WaitForAction
    onFailure: Abort
  - name: DistributeRest
    action: DistributeImage
    inputs:
      distributions:
        - region: eu-west-1
          name: "rest {{ imagebuilder:buildDate }}"
`;

let srv: TestServer;
let c: ImagebuilderClient;
let browser: Browser;
let page: Page;
let errors: string[];
let workflowArn: string;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 20, runner: { pollMs: 20 } });
  c = srv.client(OWNER);
  workflowArn = (
    await c.send(new CreateWorkflowCommand({ name: 'console-gate', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: GATE, clientToken: 'gate-1' }))
  ).workflowBuildVersionArn!;
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

async function startGated(name: string): Promise<string> {
  const inputs = await buildInputs(c, name);
  return (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows: [{ workflowArn }], clientToken: `${name}-1` })))
    .imageBuildVersionArn!;
}

const regionsOf = (arn: string) =>
  srv.world
    .snapshot()
    .images.filter((i) => i.tags.Ec2ImageBuilderArn === arn && i.state !== 'deregistered')
    .map((i) => `${i.region}/${i.accountId}`)
    .sort();

const waitingCount = async (arn: string) =>
  ((await c.send(new ListWaitingWorkflowStepsCommand({}))).steps ?? []).filter((s) => s.imageBuildVersionArn === arn).length;

describe('the image page: a waiting workflow step', () => {
  it('shows the waiting step and Approve resumes it: the image distributes to the rest and ends AVAILABLE', async () => {
    const arn = await startGated('gate-approve');
    // The images list marks the image that waits.
    await page.goto(`${srv.url}/images`);
    await page.getByTestId('images').getByText('waiting for an action').waitFor({ timeout: 20_000 });
    await page.getByTestId('images').getByRole('link', { name: 'gate-approve' }).click();
    const panel = page.getByTestId('waiting-steps');
    await panel.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 });
    await assertText(panel, /WaitForApproval \(WaitForAction\) waiting since/);
    await assertText(page.getByTestId('image-status'), 'DISTRIBUTING');
    assert.deepEqual(regionsOf(arn), [`us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`], 'only the canary copies exist while it waits');
    assert.deepEqual(await checkPage(page, 'image-waiting', () => panel.waitFor()), []);

    await panel.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('image-status').filter({ hasText: 'AVAILABLE' }).waitFor({ timeout: 20_000 });
    await assertText(panel.getByRole('status'), /^WaitForApproval approved: the workflow continues\.$/);
    assert.equal(await panel.getByRole('button', { name: 'Approve' }).count(), 0, 'the step no longer waits');
    assert.equal(await waitingCount(arn), 0);
    assert.deepEqual(regionsOf(arn), [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`]);
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status, 'AVAILABLE');
    // The fan-out groups the workflow's two DistributeImage steps by Region and account (data from
    // the admin runs), not as one group of step names.
    for (const node of ['region:us-west-2', 'region:eu-west-1', `job:ami:us-west-2:${OWNER}`, `job:ami:us-west-2:${TARGET}`, `job:ami:eu-west-1:${OWNER}`]) {
      assert.equal(await page.locator(`[data-node="${node}"]`).getAttribute('data-state'), 'COMPLETED', node);
    }
    assert.equal(await page.locator('[data-node="region:-"]').count(), 0, 'no group of unparsed step names');
  });

  it('Reject asks for a reason, stops the step and shows the image FAILED with that reason', async () => {
    const arn = await startGated('gate-reject');
    await page.goto(`${srv.url}/images/${encodeURIComponent(arn)}`);
    const panel = page.getByTestId('waiting-steps');
    await panel.getByRole('button', { name: 'Reject' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject WaitForApproval?' });
    await dialog.waitFor();
    // No reason: the dialog says so and nothing is sent.
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await assertText(dialog.getByRole('alert'), /Give a reason/);
    assert.equal(await waitingCount(arn), 1);
    assert.deepEqual(await checkPage(page, 'image-reject-dialog', () => dialog.waitFor()), []);

    await dialog.getByLabel('Reason').fill('canary alarms fired');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByTestId('image-status').filter({ hasText: 'FAILED' }).waitFor({ timeout: 20_000 });
    await assertText(page.locator('main'), /Workflow Step 'WaitForApproval' \(WaitForAction\) failed: canary alarms fired/);
    await assertText(panel.getByRole('status'), /^WaitForApproval rejected: the workflow stops\.$/);
    assert.equal(await waitingCount(arn), 0);
    assert.deepEqual(regionsOf(arn), [`us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`], 'nothing distributed after the wait');
    assert.deepEqual(errors, []);
  });

  it('a pipeline created through the form with the workflow and an execution role waits on Run now, and Approve finishes it', async () => {
    const inputs = await buildInputs(c, 'gate-pipe');
    await page.goto(`${srv.url}/pipelines/new`);
    await page.getByRole('heading', { name: 'Create image pipeline', exact: true }).waitFor();
    await page.locator('[id="name"]').fill('gated-pipe');
    await page.locator('[id="imageRecipeArn"]').selectOption(inputs.imageRecipeArn);
    await page.locator('[id="infrastructureConfigurationArn"]').selectOption(inputs.infrastructureConfigurationArn);
    const offered = await page.locator('datalist[id="workflows-options"] option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    // ListWorkflows names versions (…/1.0.0), which a pipeline takes as well as a build version.
    const versionArn = workflowArn.replace(/\/\d+$/, '');
    assert.ok(offered.includes(versionArn), 'the account’s workflow is offered');
    await page.locator('[id="workflows"]').fill(versionArn);
    // A custom workflow without an execution role: the service's refusal, nothing created.
    await page.getByRole('button', { name: 'Create pipeline' }).click();
    await page.locator('[data-path="executionRole"] .field-error').waitFor();
    assert.equal(((await c.send(new ListImagePipelinesCommand({}))).imagePipelineList ?? []).length, 0);
    await page.locator('[id="executionRole"]').fill('ImageBuilderRole');
    await page.getByRole('button', { name: 'Create pipeline' }).click();
    await page.getByRole('heading', { name: 'gated-pipe', exact: true }).waitFor();
    const [summary] = (await c.send(new ListImagePipelinesCommand({}))).imagePipelineList!;
    const pipeline = (await c.send(new GetImagePipelineCommand({ imagePipelineArn: summary!.arn! }))).imagePipeline!;
    assert.deepEqual(
      pipeline.workflows?.map((w) => w.workflowArn),
      [versionArn],
    );
    assert.equal(pipeline.executionRole, 'ImageBuilderRole');
    await assertText(page.getByTestId('pipeline-workflows'), 'console-gate 1.0.0');

    await page.getByRole('button', { name: 'Run now' }).click();
    const panel = page.getByTestId('waiting-steps');
    await panel.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('image-status').filter({ hasText: 'AVAILABLE' }).waitFor({ timeout: 20_000 });
    const arn = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    assert.deepEqual(regionsOf(arn), [`eu-west-1/${OWNER}`, `us-east-1/${OWNER}`, `us-west-2/${TARGET}`, `us-west-2/${OWNER}`]);
    assert.deepEqual(
      errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
