// End-to-end console tests in headless Chromium against ibex serving the built console
// (`npm run build:console` first): create settings through the form (seeing a validation
// message at its field), plan and run a distribution, watch it reach AVAILABLE, find the copies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { assertText, launch, openPage, screenshot } from './browser.js';

let srv: TestServer;
let browser: Browser;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ timings: { copyImageMs: 1500 }, runner: { pollMs: 20 } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

describe('web console', () => {
  it('serves the console at / and deep links, while API and admin routes stay JSON', async () => {
    const home = await fetch(`${srv.url}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<div id="root">/);
    assert.match(await (await fetch(`${srv.url}/settings/web`)).text(), /<div id="root">/);
    const api = await fetch(`${srv.url}/NoSuchOperation`);
    assert.equal(api.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.equal(((await (await fetch(`${srv.url}/_ibex/health`)).json()) as { status: string }).status, 'ok');
    assert.equal((await fetch(`${srv.url}/assets/nope.js`)).status, 404);
    assert.equal((await fetch(`${srv.url}/favicon.ico`)).status, 404);
    // A deep link whose ARN ends in a version (1.0.0) is a console route, not a missing file.
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/web/1.0.0';
    const deep = await fetch(`${srv.url}/container-recipes/${encodeURIComponent(arn)}`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /<div id="root">/);
  });

  it('creates settings through the form, plans, distributes to AVAILABLE and shows the copies in the world', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${srv.url}/settings`);
    await page.getByRole('heading', { name: 'Distribution settings' }).waitFor();
    await page.getByRole('link', { name: 'Create distribution settings' }).click();

    // An AMI name the model's pattern rejects: the server's message appears under that field.
    await page.locator('#name').fill('web');
    const amiName = page.locator('[id="distributions[0].amiDistributionConfiguration.name"]');
    await amiName.fill('bad!name {{ imagebuilder:buildDate }}');
    await page.locator('[id="distributions[0].amiDistributionConfiguration.targetAccountIds"]').fill(STARTER.prodAccountId);
    await page.locator('[id="distributions[0].amiDistributionConfiguration.targetAccountIds"]').press('Enter');
    await page.getByRole('button', { name: 'Create settings' }).click();
    const fieldError = page.locator('[data-path="distributions[0].amiDistributionConfiguration.name"] .field-error');
    await fieldError.waitFor();
    // Plain words next to the field; the service's own message in a detail.
    assert.match(
      await fieldError.innerText(),
      /^An AMI name may use letters, digits, spaces and - _ \. : \{ \} \(at least 3 characters\), and must contain \{\{ imagebuilder:buildDate \}\}\./,
    );
    assert.match(
      (await fieldError.locator('details code').textContent()) ?? '',
      /The value supplied for parameter 'distributions\[0\]\.amiDistributionConfiguration\.name' is not valid\./,
    );
    await screenshot(page, 'console-validation');

    await amiName.fill('web {{ imagebuilder:buildDate }}');
    await page.getByRole('button', { name: 'Create settings' }).click();
    await page.getByRole('heading', { name: 'web', exact: true }).waitFor();
    await assertText(page.locator('dl.facts').first(), /distribution-configuration\/web/);
    await screenshot(page, 'console-settings-detail');

    await page.getByRole('link', { name: 'Plan a distribution' }).click();
    await page.locator('#plan-source').fill(starterImageId('us-east-1', 'Linux'));
    await page.getByRole('button', { name: 'Preview plan' }).click();
    await page.getByTestId('plan-summary').waitFor();
    await assertText(page.getByTestId('plan-summary'), '2 jobs: 2 ok, 0 would fail, 0 warnings');
    await screenshot(page, 'console-plan');
    await page.getByRole('button', { name: 'Run distribution' }).click();

    // The fan-out picture shows the prod copy's node and, in the end, every node completed.
    const status = page.getByTestId('image-status');
    await status.waitFor();
    await page.locator(`[data-node="job:ami:us-east-1:${STARTER.prodAccountId}"]`).waitFor();
    await page.waitForFunction(`document.querySelector('[data-testid="image-status"]')?.textContent === 'AVAILABLE'`, undefined, { timeout: 20_000 });
    assert.equal(await page.locator(`[data-node="job:ami:us-east-1:${STARTER.prodAccountId}"]`).getAttribute('data-state'), 'COMPLETED');
    assert.equal(await page.locator('[data-node="region:us-east-1"]').getAttribute('data-state'), 'COMPLETED');
    await screenshot(page, 'console-fanout');

    await page.getByRole('link', { name: 'World' }).click();
    await page.locator('#world-account').selectOption(STARTER.prodAccountId);
    const amis = page.getByTestId('world-amis');
    await amis
      .getByText(/^web \d{4}-/)
      .first()
      .waitFor();
    const row = await amis
      .locator('tbody tr', { hasText: /web \d{4}-/ })
      .first()
      .innerText();
    assert.match(row, new RegExp(`${STARTER.prodAccountId}\\s+us-east-1\\s+ami-[0-9a-f]+\\s+web .*available`));
    assert.match(row, new RegExp(`${STARTER.prodAccountId} \\(owner\\)`));
    await screenshot(page, 'console-world');

    // The distribution is an image of its own, listed by ListImages / ListImageBuildVersions.
    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.getByTestId('images').locator('tbody tr', { hasText: 'AVAILABLE' }).first().waitFor();
    await assertText(page.getByTestId('images').locator('tbody tr').first(), /\/1\s+AVAILABLE\s+AMI · Linux\s+started by a user/);

    const copies = srv.world.snapshot().images.filter((i) => i.name.startsWith('web '));
    assert.deepEqual(copies.map((i) => i.accountId).sort(), [STARTER.prodAccountId, STARTER.managementAccountId].sort());
    // Chromium logs every 4xx response; the one expected here is the validation error above.
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e)),
      [],
    );
    assert.ok(errors.length <= 1, errors.join('\n'));
    await page.close();
  });
});
