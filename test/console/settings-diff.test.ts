// The settings edit form's review step (issue #15 item 5) in headless Chromium against a real
// server: an edit that adds one target account and removes another shows exactly those two in the
// diff panel (from POST /_ibex/plan); Back to editing and Cancel store nothing; Save stores exactly
// the reviewed change (read back with the SDK); a value the update would refuse gets the server's
// message at its field and no diff; an edit that changes no target says so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CreateDistributionConfigurationCommand, GetDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import type { SettingsDiff } from '../../src/client/index.js';
import type { SettingsDiff as ServerDiff } from '../../src/beyond/diff.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { A1, A2, A3, OWNER, beyondWorld } from '../beyond/world.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

// The server's diff type must fit the wire type the console reads (a drifted field fails typecheck).
const wire = (d: ServerDiff): SettingsDiff => d;
void wire;

const TARGETS = 'distributions[0].amiDistributionConfiguration.targetAccountIds';
let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let arn: string;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: beyondWorld() });
  arn = (
    await srv.client(OWNER).send(
      new CreateDistributionConfigurationCommand({
        name: 'diffed',
        description: 'before',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'diffed-{{ imagebuilder:buildDate }}', targetAccountIds: [A1, A2] } }],
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

const stored = async () =>
  (await srv.client(OWNER).send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!;
const storedTargets = async () => (await stored()).distributions!.map((d) => [d.region, d.amiDistributionConfiguration?.targetAccountIds]);
const field = (path: string) => page.locator(`[id="${path}"]`);
const panel = () => page.getByTestId('settings-diff');
const rows = (region: string) =>
  page
    .getByTestId(`settings-diff-${region}`)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
const openEdit = async () => {
  await page.goto(`${srv.url}/settings/diffed/edit`);
  await page.getByRole('heading', { name: 'Edit diffed', exact: true }).waitFor();
};

describe('the settings edit form shows the diff before saving', () => {
  it('shows the server’s validation message at its field and no diff for a value the update would refuse', async () => {
    await openEdit();
    await field(TARGETS).fill('12345');
    await field(TARGETS).press('Enter');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const err = page.locator(`[data-path="${TARGETS}"] .field-error`);
    await err.waitFor();
    await assertText(err, /^An account id is exactly 12 digits, for example 111122223333\./);
    assert.match(
      (await err.locator('details code').textContent()) ?? '',
      /The value supplied for parameter 'distributions\[0\]\.amiDistributionConfiguration\.targetAccountIds\[2\]' is not valid\./,
    );
    assert.equal(await panel().count(), 0, 'no diff for a refused proposal');
    assert.deepEqual(await storedTargets(), [['us-east-1', [A1, A2]]]);
  });

  it('lists exactly the account gained and the one lost, per Region; Back and Cancel store nothing', async () => {
    await openEdit();
    await page.getByRole('button', { name: new RegExp(`^Remove ${A2}`) }).click();
    await field(TARGETS).fill(A3); // a suggestion's full value is added at once
    await page.getByRole('button', { name: 'Review changes' }).click();
    await panel().waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'settings-diff-heading', 'the focus moves to the review');
    assert.equal(await page.getByRole('button', { name: 'Review changes' }).count(), 0, 'the review replaces the form’s buttons');
    await assertText(page.getByTestId('settings-diff-summary'), 'Saving gains 1 target and loses 1 target; 2 targets stay as they are.');
    assert.deepEqual(await panel().locator('h3').allInnerTexts(), ['us-east-1']);
    assert.deepEqual(await rows('us-east-1'), [
      [`${A2} member-2`, 'Loses', 'AMI copy', `AMI copy for account ${A2} in us-east-1`],
      [`${A3} member-3`, 'Gains', 'AMI copy', `AMI copy for account ${A3} in us-east-1`],
    ]);
    assert.deepEqual(await checkPage(page, 'settings-diff', () => panel().waitFor()), []);

    // Back to editing: the form again, the focus on its button, nothing stored.
    await page.getByRole('button', { name: 'Back to editing' }).click();
    await panel().waitFor({ state: 'detached' });
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Review changes');
    assert.deepEqual(
      await page.locator(`[data-path="${TARGETS}"] ul.chips li .chip-label`).allInnerTexts(),
      [`${A1} — member-1`, `${A3} — member-3`],
      'the edit is kept',
    );
    assert.deepEqual(await storedTargets(), [['us-east-1', [A1, A2]]]);

    // Reviewing again, then Cancel: still nothing stored.
    await page.getByRole('button', { name: 'Review changes' }).click();
    await panel().waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'diffed', exact: true }).waitFor();
    assert.deepEqual(await storedTargets(), [['us-east-1', [A1, A2]]]);
  });

  it('an edit after the review needs a new review; Save stores exactly the reviewed change', async () => {
    await openEdit();
    await page.getByRole('button', { name: new RegExp(`^Remove ${A2}`) }).click();
    await field(TARGETS).fill(A3);
    await page.getByRole('button', { name: 'Review changes' }).click();
    await panel().waitFor();
    // Editing while the review is open makes it stale: it goes away.
    await field('description').fill('after');
    await panel().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Review changes' }).click();
    await panel().waitFor();
    assert.equal((await rows('us-east-1')).length, 2);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'diffed', exact: true }).waitFor();
    const cfg = await stored();
    assert.equal(cfg.description, 'after');
    assert.deepEqual(await storedTargets(), [['us-east-1', [A1, A3]]]);
  });

  it('says so when the edit changes no target, and still saves it', async () => {
    await openEdit();
    await field('description').fill('only the words');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await panel().waitFor();
    assert.equal(
      await page.getByTestId('settings-diff-summary').innerText(),
      'No change to where images go: the edited settings deliver the same 3 targets (copies, launch permissions, parameters, templates and exports) as the stored ones.',
    );
    assert.equal(await panel().locator('table').count(), 0);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'diffed', exact: true }).waitFor();
    assert.equal((await stored()).description, 'only the words');
    assert.deepEqual(await storedTargets(), [['us-east-1', [A1, A3]]]);
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e)),
      [],
    );
  });
});
