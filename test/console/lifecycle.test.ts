// Lifecycle policies in headless Chromium against a real server, and the dry-run route behind
// "what the next run would touch" (GET /_ibex/lifecycle/preview): the empty list; a policy created
// through the form (a bad value shows the service's message under its field, nothing created);
// the preview before and after the world's clock moves 100 days — the old build with its AMIs per
// Region and account, the Region exclusion kept, the newest build retained — and that it changes
// nothing; Run now deprecates exactly that; edit; delete with a confirmation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CreateImageCommand,
  GetImageCommand,
  GetLifecyclePolicyCommand,
  ListLifecycleExecutionsCommand,
  ListLifecyclePoliciesCommand,
  ListTagsForResourceCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';
import { LIFECYCLE_ROLE, LIFECYCLE_ROLE_PERMISSIONS } from '../../src/cloud/simulated/ec2-lifecycle.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

let srv: TestServer;
let c: ImagebuilderClient;
let browser: Browser;
let page: Page;
let errors: string[];
let oldArn: string;
let newArn: string;
let policyArn: string;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  // The target account trusts the owner's lifecycle runs, as AWS requires for cross-account AMIs.
  const world = buildWorld();
  world.accounts = world.accounts!.map((a) =>
    a.id === TARGET ? { ...a, roles: [...(a.roles ?? []), { name: LIFECYCLE_ROLE, trustedAccounts: [OWNER], permissions: LIFECYCLE_ROLE_PERMISSIONS }] } : a,
  );
  srv = await startTestServer({ worldSpec: world, buildPollMs: 20, runner: { pollMs: 20 } });
  c = srv.client(OWNER);
  const inputs = await buildInputs(c, 'app', [
    { region: 'us-east-1', amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}' } },
    { region: 'us-west-2', amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
  ]);
  oldArn = (await c.send(new CreateImageCommand({ ...inputs, clientToken: 'old-1' }))).imageBuildVersionArn!;
  assert.equal((await waitForImage(c, oldArn)).state?.status, 'AVAILABLE');
  newArn = (await c.send(new CreateImageCommand({ ...inputs, clientToken: 'new-1' }))).imageBuildVersionArn!;
  assert.equal((await waitForImage(c, newArn)).state?.status, 'AVAILABLE');
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const field = (path: string) => page.locator(`[id="${path}"]`);
const goto = async (path: string, heading: string) => {
  await page.goto(`${srv.url}${path}`);
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
};
const preview = async (query: string) => {
  const r = await fetch(`${srv.url}/_ibex/lifecycle/preview${query}`);
  return { status: r.status, body: (await r.json()) as Record<string, any> };
};
const statusOf = async (arn: string) => (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status;

describe('lifecycle policy pages and the next-run preview', () => {
  it('creates a policy through the form; a bad value is shown at its field and creates nothing', async () => {
    await goto('/lifecycle', 'Lifecycle policies');
    await assertText(page.locator('main'), /No lifecycle policies in us-east-1 yet\./);
    assert.deepEqual(await checkPage(page, 'lifecycle-empty', () => page.getByRole('heading', { name: 'Lifecycle policies', exact: true }).waitFor()), []);

    await page.getByRole('link', { name: 'Create lifecycle policy' }).click();
    await page.getByRole('heading', { name: 'Create lifecycle policy', exact: true }).waitFor();
    await field('name').fill('old-app');
    await field('description').fill('Deprecate app builds older than 90 days');
    assert.ok(
      (
        await page.locator('datalist[id="resourceSelection.recipes[0].name-options"] option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))
      ).includes('app'),
      'the account’s recipes are offered',
    );
    await field('resourceSelection.recipes[0].name').fill('app');
    await field('policyDetails[0].filter.value').fill('0');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const err = page.locator('[data-path="policyDetails[0].filter.value"] .field-error');
    await err.waitFor();
    await assertText(err, /^Use a number of at least 1\./);
    assert.match((await err.locator('details code').textContent()) ?? '', /parameter 'policyDetails\[0\]\.filter\.value'/);
    assert.equal(((await c.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList ?? []).length, 0, 'nothing was created');

    await field('policyDetails[0].filter.value').fill('90');
    await field('policyDetails[0].filter.retainAtLeast').fill('1');
    await field('policyDetails[0].exclusionRules.amis.regions').fill('us-west-2');
    assert.deepEqual(await checkPage(page, 'lifecycle-create', () => field('name').waitFor()), []);
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'old-app', exact: true }).waitFor();
    policyArn = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const got = (await c.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: policyArn }))).lifecyclePolicy!;
    assert.deepEqual(got.resourceSelection, { recipes: [{ name: 'app', semanticVersion: '1.0.0' }] });
    assert.deepEqual(got.policyDetails, [
      {
        action: { type: 'DEPRECATE', includeResources: { amis: true } },
        filter: { type: 'AGE', value: 90, unit: 'DAYS', retainAtLeast: 1 },
        exclusionRules: { amis: { regions: ['us-west-2'] } },
      },
    ]);
    assert.match(
      await page.getByTestId('lifecycle-rules').innerText(),
      /DEPRECATE \(with AMIs\) images older than 90 DAYS, keeping at least 1\s+AMIs in us-west-2/,
    );
    await assertText(page.getByTestId('lifecycle-selection'), /^recipes app 1\.0\.0$/);
  });

  it('previews nothing while the builds are new, then the old build and its AMIs once the clock moves 100 days, changing nothing', async () => {
    const summary = page.getByTestId('preview-summary');
    await summary.waitFor();
    await assertText(summary, 'The next run would act on no image.');

    const moved = await fetch(`${srv.url}/_ibex/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: '100d' }),
    });
    assert.equal(moved.status, 200);
    const { status, body } = await preview(`?policy=${encodeURIComponent(policyArn)}`);
    assert.equal(status, 200);
    const amis = (await c.send(new GetImageCommand({ imageBuildVersionArn: oldArn }))).image!.outputResources!.amis!;
    const ami = (region: string, account: string) => amis.find((a) => a.region === region && a.accountId === account)!.image!;
    assert.deepEqual(body.images, [
      {
        imageArn: oldArn,
        name: 'app',
        version: oldArn.split('/').slice(-2).join('/'),
        status: 'AVAILABLE',
        dateCreated: body.images[0].dateCreated,
        action: 'DEPRECATE',
        includeAmis: true,
        includeSnapshots: false,
        includeContainers: false,
        amis: amis.map((a) => ({
          region: a.region,
          accountId: a.accountId,
          imageId: a.image,
          ...(a.region === 'us-west-2' ? { excluded: 'Excluded by exclusionRules.amis.regions (us-west-2).' } : {}),
        })),
      },
    ]);
    assert.deepEqual(body.amiRulesCheckedAtRun, []);

    await page.reload();
    const table = page.getByTestId('preview-images');
    await table.waitFor();
    await assertText(page.getByTestId('preview-summary'), '1 image and 1 AMI would be acted on.');
    const row = await table.locator('tbody tr').innerText();
    assert.match(row, /DEPRECATE/);
    assert.match(row, new RegExp(`${ami('us-east-1', OWNER)} us-east-1 · ${OWNER}`));
    assert.match(row, new RegExp(`${ami('us-west-2', TARGET)} us-west-2 · ${TARGET} — kept: Excluded by exclusionRules\\.amis\\.regions \\(us-west-2\\)\\.`));
    assert.equal(await table.getByRole('link', { name: ami('us-east-1', OWNER) }).getAttribute('href'), `/world?ami=${ami('us-east-1', OWNER)}`);
    assert.equal(await table.locator(`a[href="/images/${encodeURIComponent(newArn)}"]`).count(), 0, 'the newest build is retained');
    assert.deepEqual(await checkPage(page, 'lifecycle-detail', () => table.waitFor()), []);

    // A dry run: no execution, no image changed.
    assert.deepEqual((await c.send(new ListLifecycleExecutionsCommand({ resourceArn: policyArn }))).lifecycleExecutions ?? [], []);
    assert.deepEqual([await statusOf(oldArn), await statusOf(newArn)], ['AVAILABLE', 'AVAILABLE']);
  });

  it('answers bad preview requests with the reason', async () => {
    assert.deepEqual(await preview(''), { status: 400, body: { message: 'policy is required: the lifecycle policy ARN (…:lifecycle-policy/<name>).' } });
    assert.equal((await preview('?policy=nope')).status, 400);
    assert.match((await preview('?policy=nope')).body.message, /is not a lifecycle policy ARN/);
    const missing = policyArn.replace('old-app', 'none');
    assert.deepEqual(await preview(`?policy=${encodeURIComponent(missing)}`), {
      status: 404,
      body: { __type: 'ResourceNotFoundException', message: `The resource '${missing}' does not exist.` },
    });
    const r = await fetch(`${srv.url}/_ibex/lifecycle/preview?policy=x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(r.status, 405);
  });

  it('Run now deprecates what the preview showed, and the preview then shows nothing', async () => {
    await page.getByRole('button', { name: 'Run now' }).click();
    const execs = page.getByTestId('lifecycle-executions');
    await execs.locator('tbody tr .state-SUCCESS').waitFor({ timeout: 20_000 });
    assert.deepEqual([await statusOf(oldArn), await statusOf(newArn)], ['DEPRECATED', 'AVAILABLE']);
    // In the world: only the old build's AMI outside the excluded Region is deprecated.
    const deprecated = srv.world
      .snapshot()
      .images.filter((i) => i.deprecationTime !== null && [oldArn, newArn].includes(i.tags.Ec2ImageBuilderArn ?? ''))
      .map((i) => `${i.tags.Ec2ImageBuilderArn === oldArn ? 'old' : 'new'} ${i.region}/${i.accountId}`);
    assert.deepEqual(deprecated, [`old us-east-1/${OWNER}`]);
    await assertText(execs.locator('tbody tr').first(), /SUCCESS[\s\S]*yes/);
    // What the execution touched: the image, its AMI deprecated, the excluded ones skipped.
    await execs.getByText(/^Resources of lce-/).click();
    const touched = execs.locator(`[data-resource="${oldArn}"]`);
    await touched.waitFor();
    const amis = (await c.send(new GetImageCommand({ imageBuildVersionArn: oldArn }))).image!.outputResources!.amis!;
    const east = amis.find((a) => a.region === 'us-east-1')!.image!;
    const west = amis.filter((a) => a.region === 'us-west-2').map((a) => a.image!);
    await assertText(touched, /^DEPRECATE app 1\.0\.0\/1: SUCCESS/);
    await assertText(execs.locator(`[data-resource="${east}"]`), new RegExp(`${east} us-east-1 · ${OWNER}\\s*: SUCCESS`));
    for (const w of west) await assertText(execs.locator(`[data-resource="${w}"]`), /: SKIPPED — Excluded by exclusionRules\.amis\.regions \(us-west-2\)\./);
    assert.deepEqual(await checkPage(page, 'lifecycle-executed', () => touched.waitFor()), []);
    await page.getByTestId('preview-summary').filter({ hasText: 'The next run would act on no image.' }).waitFor();
  });

  it('edits the policy (a full replacement) and deletes it after a confirmation', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit old-app', exact: true }).waitFor();
    assert.equal(await field('name').isDisabled(), true);
    assert.equal(await field('policyDetails[0].exclusionRules.amis.regions').inputValue(), 'us-west-2');
    await field('status').selectOption('DISABLED');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'old-app', exact: true }).waitFor();
    await page.getByTestId('lifecycle-facts').getByText('DISABLED').waitFor();
    const got = (await c.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: policyArn }))).lifecyclePolicy!;
    assert.equal(got.status, 'DISABLED');
    assert.equal(got.description, 'Deprecate app builds older than 90 days');
    assert.deepEqual(got.policyDetails?.[0]?.exclusionRules, { amis: { regions: ['us-west-2'] } });

    // Tags: added on the detail page, read back with the SDK.
    await page.getByRole('button', { name: 'Manage tags' }).click();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('team');
    await page.locator('#tag-value-0').fill('web');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByTestId('tags').waitFor();
    await assertText(page.getByTestId('tags'), /team\s+web/);
    assert.equal((await c.send(new ListTagsForResourceCommand({ resourceArn: policyArn }))).tags?.team, 'web');

    // The list with data, then back to the detail page for the delete.
    const detail = page.url();
    await page.goto(`${srv.url}/lifecycle`);
    await page.getByText('old-app', { exact: true }).first().waitFor();
    assert.deepEqual(await checkPage(page, 'lifecycle-list', () => page.getByText('old-app', { exact: true }).first().waitFor()), []);
    await page.goto(detail);
    await page.getByRole('heading', { name: 'old-app', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await assertText(dialog, /Delete lifecycle policy old-app\?/);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Lifecycle policies', exact: true }).waitFor();
    await page.getByText('No lifecycle policies in us-east-1 yet.').waitFor();
    assert.equal(((await c.send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList ?? []).length, 0);
    assert.deepEqual(
      errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
