// The image page's actions in headless Chromium against a real server: Cancel of an image still
// distributing (slow copies keep it in progress), after a confirmation, ends CANCELLED on the page
// and over the SDK; the image's tags added, edited and removed, each checked with
// ListTagsForResource.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  ListTagsForResourceCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

let srv: TestServer;
let c: ImagebuilderClient;
let browser: Browser;
let page: Page;
let errors: string[];

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  // Copies of a minute: the image stays in progress until the test cancels it.
  srv = await startTestServer({ timings: { copyImageMs: 60_000 }, runner: { pollMs: 20 } });
  c = srv.client(STARTER.managementAccountId);
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Distributes the starter AMI to two Regions; returns the image's ARN. */
async function distribute(name: string): Promise<string> {
  const made = await c.send(
    new CreateDistributionConfigurationCommand({
      name,
      distributions: [
        { region: 'us-east-1', amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}` } },
        { region: 'eu-west-1', amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}` } },
      ],
    }),
  );
  const { imageBuildVersionArn } = await c.send(
    new DistributeImageCommand({
      sourceImage: starterImageId('us-east-1', 'Linux'),
      distributionConfigurationArn: made.distributionConfigurationArn!,
      executionRole: 'EC2ImageBuilderDistributionRole',
      clientToken: `image-actions-${name}`,
    }),
  );
  return imageBuildVersionArn!;
}

const status = async (arn: string) => (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status;
const tags = async (arn: string) => (await c.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {};

describe('the image page: cancel and tags', () => {
  it('cancels an image in progress after a confirmation: CANCELLED on the page and over the SDK', async () => {
    const arn = await distribute('cancel');
    await page.goto(`${srv.url}/images/${encodeURIComponent(arn)}`);
    await page.getByTestId('image-status').waitFor();
    await assertText(page.getByTestId('image-status'), 'DISTRIBUTING');
    assert.equal(await status(arn), 'DISTRIBUTING');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The dialog names the image (the source AMI's name and the version).
    await assertText(dialog.getByRole('heading'), /^Cancel .+ \d+\.\d+\.\d+(\/\d+)?\?$/);
    assert.deepEqual(await checkPage(page, 'image-cancel-dialog', () => dialog.waitFor()), []);
    // Keep running closes the dialog and cancels nothing.
    await dialog.getByRole('button', { name: 'Keep running' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await status(arn), 'DISTRIBUTING');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel the image' }).click();
    await assertText(page.getByTestId('image-status'), 'CANCELLED', 20_000);
    assert.equal(await status(arn), 'CANCELLED');
    // A finished image offers no Cancel.
    assert.equal(await page.getByRole('button', { name: 'Cancel', exact: true }).count(), 0);
    assert.deepEqual(await checkPage(page, 'image-cancelled', () => page.getByTestId('image-status').waitFor()), []);
    assert.deepEqual(errors, []);
  });

  it('adds, edits and removes a tag of the image, each stored (ListTagsForResource)', async () => {
    const arn = await distribute('tags');
    await page.goto(`${srv.url}/images/${encodeURIComponent(arn)}`);
    await page.getByTestId('image-status').waitFor();
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: /^Tags \(/ }) });
    await assertText(card.getByRole('heading'), 'Tags (0)');
    assert.deepEqual(await tags(arn), {});

    // Add.
    await card.getByRole('button', { name: 'Manage tags' }).click();
    await card.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('team');
    await page.locator('#tag-value-0').fill('web');
    assert.deepEqual(await checkPage(page, 'image-tags-edit', () => page.getByTestId('tags-editor').waitFor()), []);
    await card.getByRole('button', { name: 'Save tags' }).click();
    await assertText(card.getByRole('heading'), 'Tags (1)');
    assert.deepEqual(await tags(arn), { team: 'web' });
    assert.deepEqual(await card.getByTestId('tags').locator('tbody tr').allInnerTexts(), ['team\tweb']);

    // Edit the value and add a second tag.
    await card.getByRole('button', { name: 'Manage tags' }).click();
    await page.locator('#tag-value-0').fill('platform');
    await card.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-1').fill('stage');
    await page.locator('#tag-value-1').fill('beta');
    await card.getByRole('button', { name: 'Save tags' }).click();
    await assertText(card.getByRole('heading'), 'Tags (2)');
    assert.deepEqual(await tags(arn), { team: 'platform', stage: 'beta' });

    // Remove one; Cancel of an unsaved edit stores nothing.
    await card.getByRole('button', { name: 'Manage tags' }).click();
    await card.getByRole('button', { name: 'Remove tag team' }).click();
    await card.getByRole('button', { name: 'Save tags' }).click();
    await assertText(card.getByRole('heading'), 'Tags (1)');
    assert.deepEqual(await tags(arn), { stage: 'beta' });
    await card.getByRole('button', { name: 'Manage tags' }).click();
    await page.locator('#tag-value-0').fill('changed');
    await card.getByRole('button', { name: 'Cancel', exact: true }).click();
    await card.getByTestId('tags').waitFor();
    assert.deepEqual(await tags(arn), { stage: 'beta' });
    assert.deepEqual(await card.getByTestId('tags').locator('tbody tr').allInnerTexts(), ['stage\tbeta']);
    assert.deepEqual(await checkPage(page, 'image-tags', () => card.getByTestId('tags').waitFor()), []);
    assert.deepEqual(errors, []);
  });
});
