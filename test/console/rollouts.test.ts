// Rollouts and drift in headless Chromium against a real server (beyond AWS, /_ibex/): a rollout
// started through the form stops at its approval gate, shows ring by ring with the gate's state and
// each job's ring on the image's fan-out picture, finishes after Approve; a failed job halts a
// second one, shown with the failure, and Resume finishes it; Abort and Roll back end two more.
// Then the image page's drift panel finds a deregistered copy, plans the repair, repairs it, and
// finds no drift again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CreateDistributionConfigurationCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { A1, A2, A3, OWNER, SOURCE_AMI, beyondWorld } from '../beyond/world.js';
import { amisOf, call } from '../beyond/api.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

type RolloutView = { rolloutId: string; status: string; imageBuildVersionArn: string; reason?: string; rings?: unknown[] };
const REGIONS = ['us-east-1', 'us-west-2'];
const RINGS = [
  { name: 'canary', regions: ['us-east-1'], accounts: [OWNER, A1] },
  { name: 'others', approval: true },
];
const EVERYWHERE = Object.fromEntries(REGIONS.flatMap((r) => [OWNER, A1, A2, A3].map((a) => [`${r}/${a}`, 1])));

let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let configArn: string;
let firstImage: string;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({
    worldSpec: beyondWorld(),
    runner: { pollMs: 5, retry: { baseMs: 1, capMs: 5, maxRetries: 1 } },
    followIntervalMs: 0,
    rolloutIntervalMs: 20,
  });
  configArn = (
    await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'ringed',
        distributions: REGIONS.map((region) => ({
          region,
          amiDistributionConfiguration: { name: `ring-${region} {{ imagebuilder:buildDate }} {{ imagebuilder:buildVersion }}`, targetAccountIds: [A1, A2, A3] },
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

const goto = async (path: string, heading: string) => {
  await page.goto(`${srv.url}${path}`);
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
};
const rolloutStatus = (s: string) =>
  page
    .getByTestId('rollout-status')
    .filter({ hasText: new RegExp(`^${s}$`) })
    .waitFor({ timeout: 20_000 });
const startByApi = async () =>
  (await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: RINGS })).body;

describe('the Rollouts pages', () => {
  it('starts a rollout through the form; it waits at the approval gate, ring by ring, with the rings on the fan-out', async () => {
    await goto('/rollouts', 'Rollouts');
    await assertText(page.locator('main'), /No rollouts in us-east-1 for account 123456789012 yet\./);
    assert.deepEqual(await checkPage(page, 'rollouts-empty', () => page.getByRole('heading', { name: 'Rollouts', exact: true }).waitFor()), []);
    await page.getByRole('link', { name: 'Start a rollout' }).click();
    await page.getByRole('heading', { name: 'Start a rollout', exact: true }).waitFor();
    await page.locator('[id="distributionConfigurationArn"]').selectOption({ label: 'ringed' });
    // The source picker offers the account's AMIs in the Region, by name; typing stays allowed.
    assert.ok(
      (await page.locator('[id="sourceImage-options"] option').evaluateAll((os) => os.map((o) => (o as { value: string }).value))).includes(SOURCE_AMI),
      'the source picker lists the AMI',
    );
    await page.locator('[id="sourceImage"]').fill(SOURCE_AMI);
    // The rings are rows: one ring 'east' on us-east-1 only (the Region picked from the world's list).
    await page.getByRole('button', { name: 'Remove ring 2' }).click();
    await page.locator('[id="rings[0].name"]').fill('east');
    assert.ok(
      (await page.locator('[id="rings[0].regions-options"] option').evaluateAll((os) => os.map((o) => (o as { value: string }).value))).includes('eu-west-1'),
      'the Regions picker lists the world',
    );
    await page.locator('[id="rings[0].regions"]').fill('us-east-1');
    await page.getByRole('button', { name: 'Start rollout' }).click();
    // Rings that leave jobs out: the server's reason, nothing started.
    await page.getByRole('alert').filter({ hasText: 'These jobs are in no ring' }).waitFor();
    assert.deepEqual((await call<{ rollouts: unknown[] }>(srv.url, 'GET', '/_ibex/rollouts')).body.rollouts, []);
    // canary: us-east-1 × the owner and A1 (accounts picked), then 'others' behind an approval.
    await page.locator('[id="rings[0].name"]').fill('canary');
    for (const a of [OWNER, A1]) {
      await page.locator('[id="rings[0].accounts"]').fill(a);
      await page.locator('[id="rings[0].accounts"]').press('Enter');
    }
    await page.getByRole('button', { name: 'Add ring' }).click();
    await page.locator('[id="rings[1].name"]').fill('others');
    await page.locator('[id="rings[1].approval"]').check();
    assert.deepEqual(await checkPage(page, 'rollout-start', () => page.getByTestId('rings-editor').waitFor()), []);
    await page.getByRole('button', { name: 'Start rollout' }).click();
    await page.getByTestId('rings').waitFor();
    assert.deepEqual(
      (await call<{ rollouts: RolloutView[] }>(srv.url, 'GET', '/_ibex/rollouts')).body.rollouts.map((r) => r.rings),
      [RINGS],
      'the rows became these rings',
    );
    await rolloutStatus('waiting-approval');
    assert.match(
      await page.locator('[data-ring="canary"]').innerText(),
      /Ring 1: canary succeeded[\s\S]*Regions us-east-1; accounts 123456789012, 111111111111[\s\S]*none — no gate/,
    );
    await assertText(page.getByTestId('gate-others'), 'manual approval — waiting for approval');
    assert.equal(await page.locator('[data-ring="others"]').getAttribute('data-state'), 'pending');
    // Each job with its Region, account and state from the rings' runs, and a ran job's duration
    // from its steps' start and end (GET /_ibex/runs/<id>).
    const canaryJob = page.getByTestId('jobs-canary').locator(`[data-job="ami:us-east-1:${A1}"]`);
    await page.waitForFunction(`document.querySelector('[data-job="ami:us-east-1:${A1}"]')?.getAttribute('data-state') === 'COMPLETED'`);
    await assertText(canaryJob, new RegExp(`^us-east-1 · ${A1} · ami — COMPLETED · \\d+\\.\\d s$`));
    await assertText(page.getByTestId('jobs-others').locator(`[data-job="ami:us-west-2:${A3}"]`), `us-west-2 · ${A3} · ami — PENDING`);
    assert.deepEqual(await checkPage(page, 'rollout-waiting', () => page.getByTestId('rings').waitFor()), []);
    const [r] = (await call<{ rollouts: RolloutView[] }>(srv.url, 'GET', '/_ibex/rollouts')).body.rollouts;
    firstImage = r!.imageBuildVersionArn;
    assert.deepEqual(await amisOf(srv.url, firstImage), { [`us-east-1/${OWNER}`]: 1, [`us-east-1/${A1}`]: 1 });

    // The image page names the rollout and each job's ring.
    await page
      .getByRole('link', { name: `${firstImage.split('/')[1]} ${firstImage.split('/').slice(2).join('/')}` })
      .first()
      .click();
    const rings = page.getByTestId('image-rollout');
    await rings.waitFor();
    await assertText(rings, /canary succeeded · 2 jobs · gate: none\s+others pending · 6 jobs · gate: manual approval — waiting for approval/);
    assert.equal(await page.locator(`[data-node="job:ami:us-east-1:${A1}"]`).getAttribute('data-ring'), 'canary');
    assert.equal(await page.locator(`[data-node="job:ami:us-west-2:${A3}"]`).getAttribute('data-ring'), 'others');
    assert.deepEqual(await checkPage(page, 'image-rollout', () => rings.waitFor()), []);
  });

  it('Approve opens the gate and the rollout finishes with a copy everywhere', async () => {
    await page
      .getByTestId('image-rollout')
      .getByRole('link', { name: /^ro|[0-9a-f-]{36}/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Approve ring others' }).click();
    await rolloutStatus('succeeded');
    await assertText(page.getByTestId('gate-others'), /^manual approval — opened \(approved /);
    assert.deepEqual(await amisOf(srv.url, firstImage), EVERYWHERE);
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: firstImage }))).image?.state?.status, 'AVAILABLE');
    assert.equal(await page.getByRole('button', { name: 'Abort' }).count(), 0, 'a finished rollout cannot be aborted');
  });

  it('a failed job halts a rollout, shown with the failure; Resume finishes it', async () => {
    const b = await startByApi();
    await call(srv.url, 'POST', '/_ibex/faults', {
      service: 'ec2',
      operation: 'CopyImage',
      accountId: A2,
      region: 'us-west-2',
      error: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
    });
    await goto(`/rollouts/${b.rolloutId}`, `Rollout ${b.rolloutId}`);
    await rolloutStatus('waiting-approval');
    await page.getByRole('button', { name: 'Approve ring others' }).click();
    await rolloutStatus('halted');
    await assertText(page.locator('[data-ring="others"] [role="alert"]'), new RegExp(`ami:us-west-2:${A2}: .*not authorized`));
    await assertText(page.locator('main [role="alert"]').first(), /^Reason: Ring others halted the rollout/);
    assert.deepEqual(await checkPage(page, 'rollout-halted', () => page.getByTestId('rings').waitFor()), []);
    await call(srv.url, 'DELETE', '/_ibex/faults');
    await page.getByRole('button', { name: 'Resume' }).click();
    await rolloutStatus('succeeded');
    assert.deepEqual(await amisOf(srv.url, b.imageBuildVersionArn), EVERYWHERE);
  });

  it('aborts one rollout and rolls another back, each after a confirmation', async () => {
    const c = await startByApi();
    await goto(`/rollouts/${c.rolloutId}`, `Rollout ${c.rolloutId}`);
    await rolloutStatus('waiting-approval');
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Keep going' }).click();
    assert.equal(
      (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${c.rolloutId}`)).body.status,
      'waiting-approval',
      'closing the dialog changes nothing',
    );
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Abort the rollout' }).click();
    await rolloutStatus('aborted');
    assert.deepEqual((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: c.imageBuildVersionArn }))).image?.state, {
      status: 'CANCELLED',
      reason: 'The rollout was aborted.',
    });

    const d = await startByApi();
    await goto(`/rollouts/${d.rolloutId}`, `Rollout ${d.rolloutId}`);
    await rolloutStatus('waiting-approval');
    await page.getByRole('button', { name: 'Roll back' }).click();
    const dialog = page.getByRole('dialog');
    // The rollback runs only after its plan was shown, and planning changes nothing.
    assert.equal(await dialog.getByRole('button', { name: 'Roll back' }).isDisabled(), true);
    await dialog.getByRole('button', { name: 'Plan the rollback' }).click();
    await assertText(
      dialog.getByTestId('rollout-rollback-plan').getByRole('status'),
      /^Back to arn:aws:imagebuilder:us-east-1:123456789012:image\/\S+: \d+ to change, \d+ unchanged, \d+ refused\.$/,
    );
    assert.equal((await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${d.rolloutId}`)).body.status, 'waiting-approval');
    assert.deepEqual(await checkPage(page, 'rollout-rollback-plan', () => dialog.getByTestId('rollout-rollback-plan').waitFor()), []);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await rolloutStatus('rolled-back');
    const after = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${d.rolloutId}`)).body;
    assert.match(after.reason!, /^Rolled back to arn:aws:imagebuilder:us-east-1:123456789012:image\//);
    assert.match(
      await page.locator('main [role="alert"]').first().innerText(),
      new RegExp(`^Reason: ${after.reason!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );

    await goto('/rollouts', 'Rollouts');
    const table = page.getByTestId('rollouts');
    await table.locator('tbody tr').nth(3).waitFor();
    assert.deepEqual((await table.locator('tbody tr td:nth-child(3)').allInnerTexts()).sort(), ['aborted', 'rolled-back', 'succeeded', 'succeeded']);
    assert.deepEqual(await checkPage(page, 'rollouts-list', () => table.waitFor()), []);
  });
});

describe('the drift panel', () => {
  it('finds a deregistered copy, plans and runs the repair, and then finds no drift', async () => {
    await goto(`/images/${encodeURIComponent(firstImage)}`, `${firstImage.split('/')[1]} ${firstImage.split('/').slice(2).join('/')}`);
    const panel = page.getByTestId('drift');
    await panel.getByTestId('drift-summary').waitFor();
    await assertText(panel.getByTestId('drift-summary'), /^No drift: everything is as the distribution left it \(\d+ jobs checked\)\.$/);

    const image = (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: firstImage }))).image!;
    const gone = image.outputResources!.amis!.find((a) => a.accountId === A3 && a.region === 'us-west-2')!.image!;
    await srv.world.ports.ec2.deregisterImage({ accountId: A3, region: 'us-west-2' }, { imageId: gone });
    await panel.getByRole('button', { name: 'Check again' }).click();
    const row = panel.locator('[data-kind="copyDeregistered"]');
    await row.waitFor();
    assert.match(
      await row.innerText(),
      new RegExp(
        `copy deregistered\\s+us-west-2\\s+${A3}\\s+${gone}\\s+available\\s+does not exist\\s+AMI ${gone} of account ${A3} in us-west-2 was deregistered`,
      ),
    );
    assert.deepEqual(await checkPage(page, 'image-drift', () => row.waitFor()), []);

    await panel.getByRole('button', { name: 'Plan repair' }).click();
    assert.deepEqual(await panel.getByTestId('repair-plan').locator('li').allInnerTexts(), [`ami:us-west-2:${A3}`]);
    assert.equal((await amisOf(srv.url, firstImage))[`us-west-2/${A3}`], undefined, 'planning changes nothing');
    await panel.getByRole('button', { name: 'Repair' }).click();
    await panel.getByTestId('repair-run').filter({ hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
    await panel.getByTestId('drift-summary').filter({ hasText: 'No drift' }).waitFor();
    assert.deepEqual(await amisOf(srv.url, firstImage), EVERYWHERE);
    assert.deepEqual(
      errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
