// The settings form's KMS-key and license-configuration pickers in headless Chromium: they list
// the keys and license configurations of the account in the Region chosen for the distribution
// (from the world), follow a change of Region, and what is picked is what the service stores.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { GetDistributionConfigurationCommand, ListDistributionConfigurationsCommand } from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { KMS_KEY, LICENSE, OWNER } from '../helpers/world.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { launch, openPage } from './browser.js';

let srv: TestServer;
let browser: Browser;
let page: Page;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: buildWorld() });
  browser = await launch();
  ({ page } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const field = (path: string) => page.locator(`[id="${path}"]`);
const options = (path: string) =>
  page.locator(`datalist[id="${path}-options"] option`).evaluateAll((os) => os.map((o) => `${o.getAttribute('value')}|${o.getAttribute('label')}`));

describe('KMS key and license configuration pickers', () => {
  it('offer the account’s keys and license configurations of the distribution’s Region', async () => {
    await page.goto(`${srv.url}/settings/new`);
    await page.getByRole('heading', { name: 'Create distribution settings', exact: true }).waitFor();
    await field('distributions[0].region').selectOption('us-east-1');
    assert.deepEqual(await options('distributions[0].amiDistributionConfiguration.kmsKeyId'), [], 'no key of the account in us-east-1');
    await field('distributions[0].region').selectOption('us-west-2');
    assert.deepEqual(await options('distributions[0].amiDistributionConfiguration.kmsKeyId'), [`${KMS_KEY}|${KMS_KEY.split('/').pop()}`]);
    assert.deepEqual(await options('distributions[0].licenseConfigurationArns'), [`${LICENSE}|${LICENSE.split(':').pop()} (${LICENSE.split(':').pop()})`]);

    await field('name').fill('encrypted');
    await field('distributions[0].amiDistributionConfiguration.kmsKeyId').fill(KMS_KEY);
    await field('distributions[0].licenseConfigurationArns').fill(LICENSE);
    await page.getByRole('button', { name: 'Create settings' }).click();
    await page.getByRole('heading', { name: 'encrypted', exact: true }).waitFor();
    const arn = (await srv.client(OWNER).send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList![0]!.arn!;
    const got = (await srv.client(OWNER).send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!;
    assert.equal(got.distributions![0]!.region, 'us-west-2');
    assert.equal(got.distributions![0]!.amiDistributionConfiguration?.kmsKeyId, KMS_KEY);
    assert.deepEqual(got.distributions![0]!.licenseConfigurationArns, [LICENSE]);
  });
});
