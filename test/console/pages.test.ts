// Every console page in headless Chromium against a real server, without data and then with it:
// axe-core finds no serious or critical violation at 1280 and 375 px, nothing is wider than a
// 375 px phone, and each page is screenshotted at both widths (test-results/screenshots/). Then
// the flows: settings created with the pickers (Regions with opt-in, accounts and OUs from the
// organization tree, launch templates, buckets, repositories of the account), plain validation
// words, the AMI-name default of an added Region, structured detail tables, tags edited, delete
// through the Actions menu and a confirmation; the image page (source, settings, durations,
// grants, each output AMI linked to the World page filtered on it); keyboard use and focus.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  DistributeImageCommand,
  GetDistributionConfigurationCommand,
  ListDistributionConfigurationsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER, starterImageId } from '../../src/world/index.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const problems: string[] = [];

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ timings: { copyImageMs: 400 }, runner: { pollMs: 20 } });
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const field = (path: string) => page.locator(`[id="${path}"]`);
const options = async (path: string) =>
  (await page
    .locator(`datalist[id="${path}-options"] option`)
    .evaluateAll((os) => os.map((o) => `${o.getAttribute('value')}|${o.getAttribute('label')}`))) as string[];
const goto = async (path: string, heading: string) => {
  await page.goto(`${srv.url}${path}`);
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
};

describe('console pages: empty, then with data', () => {
  it('renders every page without data: accessible, responsive, with breadcrumbs', async () => {
    for (const [path, heading, name] of [
      ['/settings', 'Distribution settings', 'settings-list-empty'],
      ['/settings/new', 'Create distribution settings', 'settings-create'],
      ['/images', 'Images', 'images-empty'],
      ['/pipelines', 'Image pipelines', 'pipelines-empty'],
      ['/pipelines/new', 'Create image pipeline', 'pipeline-create-empty'],
      ['/recipes', 'Image recipes', 'recipes-empty'],
      ['/recipes/new', 'Create image recipe', 'recipe-create-empty'],
      ['/container-recipes', 'Container recipes', 'container-recipes-empty'],
      ['/container-recipes/new', 'Create container recipe', 'container-recipe-create-empty'],
      ['/components', 'Components', 'components-empty'],
      ['/components/new', 'Create component', 'component-create-empty'],
      ['/infrastructure', 'Infrastructure configurations', 'infrastructure-empty'],
      ['/infrastructure/new', 'Create infrastructure configuration', 'infrastructure-create-empty'],
      ['/workflows', 'Workflows', 'workflows-none'],
      ['/workflows/new', 'Create workflow', 'workflow-create-empty'],
      ['/lifecycle', 'Lifecycle policies', 'lifecycle-empty'],
      ['/lifecycle/new', 'Create lifecycle policy', 'lifecycle-create-empty'],
      ['/rollouts', 'Rollouts', 'rollouts-none'],
      ['/rollouts/new', 'Start a rollout', 'rollout-start-empty'],
      ['/plan', 'Plan a distribution', 'plan'],
      ['/world', 'World explorer', 'world'],
    ] as const) {
      await goto(path, heading);
      assert.ok(await page.getByRole('navigation', { name: 'Breadcrumb' }).isVisible(), `${path} has breadcrumbs`);
      problems.push(...(await checkPage(page, name, () => page.getByRole('heading', { name: heading, exact: true }).waitFor())));
    }
    await assertText(page.locator('main'), /World explorer/);
    await goto('/settings', 'Distribution settings');
    await assertText(page.locator('main'), /No distribution settings in us-east-1 yet/);
    await goto('/images', 'Images');
    await assertText(page.locator('main'), /No images in us-east-1 for account 123456789012 yet\./);
    for (const [path, heading, empty] of [
      ['/recipes', 'Image recipes', /No image recipes/],
      ['/container-recipes', 'Container recipes', /No container recipes/],
      ['/components', 'Components', /No components/],
      ['/infrastructure', 'Infrastructure configurations', /No infrastructure configurations/],
      ['/workflows', 'Workflows', /No workflows of yours in us-east-1 yet\./],
      ['/lifecycle', 'Lifecycle policies', /No lifecycle policies/],
      ['/rollouts', 'Rollouts', /No rollouts in us-east-1 for account 123456789012 yet\./],
    ] as const) {
      await goto(path, heading);
      await page.locator('main').getByText(empty).first().waitFor();
    }
    assert.deepEqual(problems.splice(0), []);
  });

  it('offers what the world holds in the pickers and marks Regions an account has not opted in to', async () => {
    await goto('/settings/new', 'Create distribution settings');
    const regions = await field('distributions[0].region').locator('option').allInnerTexts();
    assert.deepEqual(regions.slice(1), [...STARTER.regions]);
    const targets = await options('distributions[0].amiDistributionConfiguration.targetAccountIds');
    assert.ok(targets.includes(`${STARTER.prodAccountId}|${STARTER.prodAccountId} — prod`), targets.join('\n'));
    assert.ok(!targets.some((t) => t.startsWith(`${STARTER.managementAccountId}|`)), 'the own account is no copy target');
    assert.ok(!targets.some((t) => t.startsWith(`${STARTER.amazonAccountId}|`)), "Amazon's account is no target");
    const ous = await options('distributions[0].amiDistributionConfiguration.launchPermission.organizationalUnitArns');
    assert.ok(
      ous.includes(
        `arn:aws:organizations::${STARTER.managementAccountId}:ou/${STARTER.organizationId}/${STARTER.prodOuId}|Workloads / Prod (${STARTER.prodOuId})`,
      ),
      ous.join('\n'),
    );
    assert.deepEqual(await options('distributions[0].amiDistributionConfiguration.launchPermission.organizationArns'), [
      `arn:aws:organizations::${STARTER.managementAccountId}:organization/${STARTER.organizationId}|${STARTER.organizationId} (management account ${STARTER.managementAccountId})`,
    ]);
    await page.getByRole('button', { name: 'Add launch template' }).click();
    assert.ok((await options('distributions[0].launchTemplateConfigurations[0].launchTemplateId')).some((o) => o.startsWith(`${STARTER.launchTemplateId}|`)));
    await page.getByLabel('Export to S3').check();
    assert.ok((await options('distributions[0].s3ExportConfiguration.s3Bucket')).some((o) => o.startsWith(`${STARTER.exportBucket}|`)));
    await page.getByLabel('Container distribution').check();
    assert.ok(
      (await options('distributions[0].containerDistributionConfiguration.targetRepository.repositoryName')).some((o) =>
        o.startsWith(`${STARTER.ecrRepository}|`),
      ),
    );

    // The dev account never enabled ap-east-1: the switcher says so, and so does a banner there.
    await page.getByLabel('Account', { exact: true }).selectOption(STARTER.devAccountId);
    const region = page.getByLabel('Region', { exact: true }).first();
    assert.ok((await region.locator('option').allInnerTexts()).includes('ap-east-1 (not opted in)'));
    await region.selectOption('ap-east-1');
    assert.match(
      await page.getByRole('status').filter({ hasText: 'opted in' }).innerText(),
      new RegExp(`Account ${STARTER.devAccountId} has not opted in to ap-east-1`),
    );
    await region.selectOption('us-east-1');
    await page.getByLabel('Account', { exact: true }).selectOption(STARTER.managementAccountId);
  });

  it('creates settings with the pickers, shows plain words for a bad value, and pre-fills an added Region with a real AMI name', async () => {
    await goto('/settings/new', 'Create distribution settings');
    await field('name').fill('web');
    // The regression (#18/#20): the pre-filled AMI name is the settings' name and the date.
    assert.equal(await field('distributions[0].amiDistributionConfiguration.name').inputValue(), 'web-{{ imagebuilder:buildDate }}');
    const targets = field('distributions[0].amiDistributionConfiguration.targetAccountIds');
    await targets.fill('12345');
    await targets.press('Enter');
    await page.getByRole('button', { name: 'Create settings' }).click();
    const err = page.locator('[data-path="distributions[0].amiDistributionConfiguration.targetAccountIds"] .field-error');
    await err.waitFor();
    await assertText(err, /^An account id is exactly 12 digits, for example 111122223333\./);
    assert.match(
      (await err.locator('details code').textContent()) ?? '',
      /^InvalidParameterValueException: The value supplied for parameter 'distributions\[0\]\.amiDistributionConfiguration\.targetAccountIds\[0\]' is not valid\./,
    );
    assert.equal(await targets.evaluate((e) => e === e.ownerDocument.activeElement), true, 'the field with the error has the focus');
    problems.push(...(await checkPage(page, 'settings-create-invalid', () => err.waitFor())));
    assert.equal(
      (await srv.client(STARTER.managementAccountId).send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList?.length,
      0,
      'nothing was created',
    );

    await page.getByRole('button', { name: 'Remove 12345' }).click();
    await targets.fill(STARTER.prodAccountId); // a suggestion's full value is added at once
    await page
      .locator('[id="distributions[0].amiDistributionConfiguration.launchPermission.organizationalUnitArns"]')
      .fill(`arn:aws:organizations::${STARTER.managementAccountId}:ou/${STARTER.organizationId}/${STARTER.prodOuId}`);
    assert.deepEqual(await page.locator('ul.chips li .chip-label').allInnerTexts(), [
      `${STARTER.prodAccountId} — prod`,
      `Workloads / Prod (${STARTER.prodOuId})`,
    ]);
    await page.getByRole('button', { name: 'Add Region' }).click();
    assert.equal(await field('distributions[1].amiDistributionConfiguration.name').inputValue(), 'web-{{ imagebuilder:buildDate }}');
    await field('distributions[1].region').selectOption('eu-west-1');
    await page.getByRole('button', { name: 'Create settings' }).click();
    await page.getByRole('heading', { name: 'web', exact: true }).waitFor();

    const cfg = (
      await srv.client(STARTER.managementAccountId).send(
        new GetDistributionConfigurationCommand({
          distributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:distribution-configuration/web`,
        }),
      )
    ).distributionConfiguration!;
    assert.deepEqual(
      cfg.distributions!.map((d) => [
        d.region,
        d.amiDistributionConfiguration?.name,
        d.amiDistributionConfiguration?.targetAccountIds,
        d.amiDistributionConfiguration?.launchPermission?.organizationalUnitArns,
      ]),
      [
        [
          'us-east-1',
          'web-{{ imagebuilder:buildDate }}',
          [STARTER.prodAccountId],
          [`arn:aws:organizations::${STARTER.managementAccountId}:ou/${STARTER.organizationId}/${STARTER.prodOuId}`],
        ],
        ['eu-west-1', 'web-{{ imagebuilder:buildDate }}', undefined, undefined],
      ],
    );
    // Structured tables per Region, not JSON.
    assert.equal(await page.locator('pre.json').count(), 0);
    await assertText(page.getByTestId('targets-us-east-1'), new RegExp(`${STARTER.prodAccountId} prod\\s+enabled`));
    await assertText(page.getByTestId('grants-us-east-1'), /Organizational unit\s+Workloads \/ Prod arn:aws:organizations::/);
    assert.deepEqual(await page.locator('article.region h2').allInnerTexts(), ['us-east-1', 'eu-west-1']);
  });

  it('edits tags and the settings, and deletes through the Actions menu with a confirmation', async () => {
    await page.getByRole('button', { name: 'Manage tags' }).click();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('team');
    await page.locator('#tag-value-0').fill('web');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByTestId('tags').waitFor();
    await assertText(page.getByTestId('tags'), /team\s+web/);
    const arn = `arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:distribution-configuration/web`;
    assert.deepEqual((await srv.client(STARTER.managementAccountId).send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: 'web' });
    problems.push(...(await checkPage(page, 'settings-detail', () => page.getByTestId('tags').waitFor())));

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit web' }).waitFor();
    await field('description').fill('The web image');
    problems.push(...(await checkPage(page, 'settings-edit', () => field('description').waitFor())));
    // An edit is reviewed first (settings-diff.test.ts covers the diff); a description alone changes no target.
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'web', exact: true }).waitFor();
    await assertText(page.locator('dl.facts').first(), /Description\s+The web image/);

    // A second settings to have a list of two; then delete one through the menu.
    await srv.client(STARTER.managementAccountId).send(
      new DistributeImageCommand({
        sourceImage: starterImageId('us-east-1', 'Linux'),
        distributionConfigurationArn: arn,
        executionRole: 'EC2ImageBuilderDistributionRole',
        clientToken: 'pages-test-1',
      }),
    );
    await goto('/settings', 'Distribution settings');
    const table = page.getByTestId('settings');
    await table.waitFor();
    problems.push(...(await checkPage(page, 'settings-list', () => table.waitFor())));
    await page.getByLabel('Select web').check();
    const actions = page.getByRole('button', { name: 'Actions' });
    // Keyboard: Enter opens the menu on its first item, Escape closes it and returns the focus.
    await actions.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'View details');
    assert.equal(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'solid', 'the focus is visible');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Edit');
    await page.keyboard.press('Escape');
    assert.equal(await actions.evaluate((e) => e === e.ownerDocument.activeElement), true);
    await actions.click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await assertText(dialog, /Delete web\?[\s\S]*cannot be undone/);
    problems.push(...(await checkPage(page, 'settings-delete-dialog', () => dialog.waitFor())));
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No distribution settings in us-east-1 yet').waitFor();
    assert.equal(
      (await srv.client(STARTER.managementAccountId).send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList?.length,
      0,
    );
    assert.deepEqual(problems.splice(0), []);
  });

  it('shows an image: source, settings, durations, grants, output AMIs linked to the World page; fan-out as a list at 375 px', async () => {
    const c = srv.client(STARTER.managementAccountId);
    const { CreateDistributionConfigurationCommand } = await import('@aws-sdk/client-imagebuilder');
    const made = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'app',
        distributions: [
          {
            region: 'us-east-1',
            amiDistributionConfiguration: {
              name: 'app-{{ imagebuilder:buildDate }}',
              targetAccountIds: [STARTER.prodAccountId],
              launchPermission: { userIds: [STARTER.devAccountId] },
            },
          },
          { region: 'eu-west-1', amiDistributionConfiguration: { name: 'app-{{ imagebuilder:buildDate }}' } },
        ],
      }),
    );
    const source = starterImageId('us-east-1', 'Linux');
    const { imageBuildVersionArn } = await c.send(
      new DistributeImageCommand({
        sourceImage: source,
        distributionConfigurationArn: made.distributionConfigurationArn!,
        executionRole: 'EC2ImageBuilderDistributionRole',
        clientToken: 'pages-test-2',
      }),
    );
    await page.goto(`${srv.url}/images/${encodeURIComponent(imageBuildVersionArn!)}`);
    await page.waitForFunction(`document.querySelector('[data-testid="image-status"]')?.textContent === 'AVAILABLE'`, undefined, { timeout: 20_000 });
    await assertText(page.getByTestId('image-source'), `${source} in us-east-1`);
    assert.equal(await page.getByTestId('image-source').getByRole('link').getAttribute('href'), `/world?ami=${source}`);
    assert.equal(await page.getByTestId('image-settings').getByRole('link', { name: 'app' }).getAttribute('href'), '/settings/app');
    const jobs = await page.getByTestId('jobs').locator('tbody tr').allInnerTexts();
    assert.ok(jobs.length >= 3, jobs.join('\n'));
    for (const j of jobs) assert.match(j, /COMPLETED\s+\d+(\.\d)? (s|min)/, j);
    // The prod copy belongs to prod; the owner's us-east-1 AMI may be launched by dev (granted).
    const granted = page.getByTestId('granted');
    await granted.getByText(`${STARTER.devAccountId} (launch permission)`).waitFor();
    const rows = await granted.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 3, rows.join('\n'));
    assert.ok(
      rows.some((r) =>
        new RegExp(
          `us-east-1\\s+${STARTER.managementAccountId}\\s+${STARTER.managementAccountId} \\(owner\\).*${STARTER.devAccountId} \\(launch permission\\)`,
        ).test(r),
      ),
      rows.join('\n'),
    );
    assert.ok(
      rows.some((r) => new RegExp(`us-east-1\\s+${STARTER.prodAccountId}\\s+${STARTER.prodAccountId} \\(owner\\)`).test(r)),
      rows.join('\n'),
    );
    assert.equal(await page.getByTestId('executions').locator('tbody tr').count(), 1);
    assert.equal(await page.locator('[data-timeline]').count(), jobs.length + 1);
    problems.push(...(await checkPage(page, 'image-detail', () => page.getByTestId('granted').waitFor())));

    // At 375 px the picture gives way to a list per Region with every job.
    await page.setViewportSize({ width: 375, height: 812 });
    assert.equal(await page.locator('.fanout svg').isVisible(), false);
    assert.deepEqual(
      await page.locator('[data-list-region]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-list-region')}=${e.getAttribute('data-state')}`)),
      ['eu-west-1=COMPLETED', 'us-east-1=COMPLETED'],
    );
    assert.ok(await page.locator(`[data-list-job="ami:us-east-1:${STARTER.prodAccountId}"]`).isVisible());
    await page.setViewportSize({ width: 1280, height: 800 });

    // Each output AMI links to the World page, filtered on it.
    const prodAmi = (
      await granted
        .locator('tbody tr')
        .filter({ has: page.locator('td:nth-child(3)', { hasText: STARTER.prodAccountId }) })
        .getByRole('link')
        .first()
        .innerText()
    ).trim();
    await granted.getByRole('link', { name: prodAmi }).click();
    await page.getByTestId('world-ami-filter').waitFor();
    const worldRows = await page.getByTestId('world-amis').locator('tbody tr').allInnerTexts();
    assert.equal(worldRows.length, 1);
    assert.match(worldRows[0]!, new RegExp(`${STARTER.prodAccountId}\\s+us-east-1\\s+${prodAmi}\\s+app-\\d{4}-`));
    problems.push(...(await checkPage(page, 'world-filtered', () => page.getByTestId('world-ami-filter').waitFor())));

    // An AMI id is never broken across lines: every id cell of the World's AMI table is one line.
    await page.goto(`${srv.url}/world`);
    await page.getByTestId('world-amis').waitFor();
    await page.setViewportSize({ width: 375, height: 812 });
    const broken = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid="world-amis"] td')].filter((td) => /^ami-[0-9a-f]+$/.test(td.textContent)).filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1; }).length`,
    )) as number;
    assert.equal(broken, 0);
    await page.setViewportSize({ width: 1280, height: 800 });

    await goto('/images', 'Images');
    await page.getByTestId('images').waitFor();
    problems.push(...(await checkPage(page, 'images-list', () => page.getByTestId('images').waitFor())));
    await goto('/plan', 'Plan a distribution');
    await page.locator('#plan-settings').selectOption({ label: 'app (us-east-1, eu-west-1)' });
    await page.locator('#plan-source').fill(source);
    await page.getByRole('button', { name: 'Preview plan' }).click();
    await page.getByTestId('plan-summary').waitFor();
    problems.push(...(await checkPage(page, 'plan-preview', () => page.getByTestId('plan-summary').waitFor())));
    assert.deepEqual(problems.splice(0), []);
  });

  it('shows a failed job with its reason on the image page, and Retry re-runs it to AVAILABLE', async () => {
    const c = srv.client(STARTER.managementAccountId);
    const { CreateDistributionConfigurationCommand } = await import('@aws-sdk/client-imagebuilder');
    const made = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'retry',
        distributions: [
          { region: 'us-east-1', amiDistributionConfiguration: { name: 'retry-{{ imagebuilder:buildDate }}' } },
          { region: 'eu-west-1', amiDistributionConfiguration: { name: 'retry-{{ imagebuilder:buildDate }}' } },
        ],
      }),
    );
    srv.world.addFault({ service: 'ec2', operation: 'CopyImage', error: 'UnauthorizedOperation', region: 'eu-west-1', times: 1 });
    const { imageBuildVersionArn } = await c.send(
      new DistributeImageCommand({
        sourceImage: starterImageId('us-east-1', 'Linux'),
        distributionConfigurationArn: made.distributionConfigurationArn!,
        executionRole: 'EC2ImageBuilderDistributionRole',
        clientToken: 'pages-test-3',
      }),
    );
    await page.goto(`${srv.url}/images/${encodeURIComponent(imageBuildVersionArn!)}`);
    await page.waitForFunction(`document.querySelector('[data-testid="image-status"]')?.textContent === 'FAILED'`, undefined, { timeout: 20_000 });
    await assertText(page.getByRole('heading', { name: 'Failures' }).locator('..'), /eu-west-1 \/ 123456789012 \/ ami: .*UnauthorizedOperation/);
    assert.equal(await page.locator('[data-node="region:eu-west-1"]').getAttribute('data-state'), 'FAILED');
    assert.equal(await page.locator('[data-node="region:us-east-1"]').getAttribute('data-state'), 'COMPLETED');
    problems.push(...(await checkPage(page, 'image-failed', () => page.getByRole('heading', { name: 'Failures' }).waitFor())));
    await page.getByRole('button', { name: 'Retry failed jobs' }).click();
    await page.waitForFunction(`document.querySelector('[data-testid="image-status"]')?.textContent === 'AVAILABLE'`, undefined, { timeout: 20_000 });
    assert.equal(await page.locator('[data-node="region:eu-west-1"]').getAttribute('data-state'), 'COMPLETED');
    // A retry adds a workflow execution: both are listed.
    assert.deepEqual(await page.getByTestId('executions').locator('tbody tr td:nth-child(3)').allInnerTexts(), ['FAILED', 'COMPLETED']);
    assert.deepEqual(problems.splice(0), []);
    // Chromium logs each 4xx response; the only one expected is the validation error above.
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e)),
      [],
    );
    assert.ok(errors.length <= 1, errors.join('\n'));
  });
});
