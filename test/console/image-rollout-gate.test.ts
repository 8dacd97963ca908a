// The image page of a rollout's image waiting at a manual-approval gate, in headless Chromium
// against a real server: the gate (a WaitForAction step that ListWaitingWorkflowSteps lists too)
// shows one Approve and one Reject, in the rollout panel, with its deadline (7 days after the gate
// started, WaitForAction's longest timeout, then it fails like a rejection); Approve opens the
// gate and the rollout finishes; Reject asks for a reason and ends the rollout and the image.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CreateDistributionConfigurationCommand,
  GetImageCommand,
  GetWorkflowStepExecutionCommand,
  ListWaitingWorkflowStepsCommand,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { A1, OWNER, SOURCE_AMI, beyondWorld } from '../beyond/world.js';
import { amisOf, call } from '../beyond/api.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

type RolloutView = { rolloutId: string; status: string; imageBuildVersionArn: string; reason?: string };
const RINGS = [
  { name: 'canary', regions: ['us-east-1'], accounts: [OWNER] },
  { name: 'rest', approval: true },
];

let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let configArn: string;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0, rolloutIntervalMs: 20 });
  configArn = (
    await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'gated',
        distributions: ['us-east-1', 'us-west-2'].map((region) => ({
          region,
          amiDistributionConfiguration: { name: `gate-${region} {{ imagebuilder:buildDate }} {{ imagebuilder:buildVersion }}`, targetAccountIds: [A1] },
        })),
      }),
    )
  ).distributionConfigurationArn!;
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

/** A rollout started through the admin API, once it waits at its gate. */
async function waitingRollout(): Promise<RolloutView> {
  const r = (await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: RINGS }))
    .body;
  for (let i = 0; i < 500; i++) {
    const now = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body;
    if (now.status === 'waiting-approval') return now;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error(`rollout ${r.rolloutId} never reached its gate`);
}

const status = (arn: string) =>
  srv
    .client()
    .send(new GetImageCommand({ imageBuildVersionArn: arn }))
    .then((o) => o.image?.state);

describe('the image page of a rollout waiting at its approval gate', () => {
  it('shows one Approve and one Reject, in the rollout panel, with the deadline; Approve opens the gate', async () => {
    const r = await waitingRollout();
    const [gate] = ((await srv.client().send(new ListWaitingWorkflowStepsCommand({}))).steps ?? []).filter(
      (s) => s.imageBuildVersionArn === r.imageBuildVersionArn,
    );
    assert.equal(gate?.name, 'Approve-rest', 'the gate is a waiting workflow step');
    const step = await srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: gate.stepExecutionId! }));
    const deadline = new Date(Date.parse(step.startTime!) + step.timeoutSeconds! * 1000);
    assert.equal(step.timeoutSeconds, 604_800);

    // The waiting-steps panel's own answer (it lists the gate step too), so the count below sees it.
    const listed = page.waitForResponse((res) => new URL(res.url()).pathname === '/ListWaitingWorkflowSteps' && res.ok());
    await page.goto(`${srv.url}/images/${encodeURIComponent(r.imageBuildVersionArn)}`);
    const panel = page.getByTestId('image-rollout');
    await panel.getByRole('button', { name: 'Approve ring rest' }).waitFor({ timeout: 20_000 });
    await listed;
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 1, 'one Approve on the page');
    assert.equal(await page.getByRole('button', { name: /^Reject/ }).count(), 1, 'one Reject on the page');
    assert.equal(await page.getByTestId('waiting-steps').count(), 0, 'the rollout panel owns its gate');
    const when = page.getByTestId('gate-deadline');
    await assertText(when, `Waits until ${deadline.toISOString().replace('T', ' ').slice(0, 19)} UTC, then fails like a rejection.`);
    assert.equal(await when.locator('time').getAttribute('datetime'), deadline.toISOString());
    assert.deepEqual(await checkPage(page, 'image-rollout-gate', () => panel.waitFor()), []);

    await panel.getByRole('button', { name: 'Approve ring rest' }).click();
    await page.getByTestId('image-status').filter({ hasText: 'AVAILABLE' }).waitFor({ timeout: 20_000 });
    assert.equal((await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body.status, 'succeeded');
    assert.deepEqual(await amisOf(srv.url, r.imageBuildVersionArn), {
      [`us-east-1/${OWNER}`]: 1,
      [`us-east-1/${A1}`]: 1,
      [`us-west-2/${OWNER}`]: 1,
      [`us-west-2/${A1}`]: 1,
    });
    assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 0, 'an opened gate has no controls');
  });

  it('Reject asks for a reason and ends the rollout and the image with it, nothing copied after the gate', async () => {
    const r = await waitingRollout();
    await page.goto(`${srv.url}/images/${encodeURIComponent(r.imageBuildVersionArn)}`);
    const panel = page.getByTestId('image-rollout');
    await panel.getByRole('button', { name: 'Reject ring rest' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject ring rest?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await assertText(dialog.getByRole('alert'), /Give a reason/);
    assert.equal((await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body.status, 'waiting-approval', 'nothing sent');
    await dialog.getByLabel('Reason').fill('canary alarms fired');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByTestId('image-status').filter({ hasText: 'FAILED' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await status(r.imageBuildVersionArn), {
      status: 'FAILED',
      reason: 'Ring rest was rejected at its approval gate: canary alarms fired',
    });
    assert.deepEqual(await amisOf(srv.url, r.imageBuildVersionArn), { [`us-east-1/${OWNER}`]: 1 });
    assert.deepEqual(errors, []);
  });
});
