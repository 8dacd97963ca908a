// Components, recipes, infrastructure and pipelines in headless Chromium against a real server:
// each list and form renders empty (axe-clean at 1280 and 375 px, screenshotted), then each is
// created through its form (pickers listing Amazon's images and components and the account's own),
// shown on its detail page, edited where AWS allows, and deleted through a confirmation, each
// outcome checked with the SDK.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  GetImagePipelineCommand,
  GetInfrastructureConfigurationCommand,
  ListComponentsCommand,
  ListImagePipelinesCommand,
  ListImageRecipesCommand,
  ListInfrastructureConfigurationsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER } from '../../src/world/index.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
const problems: string[] = [];

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ runner: { pollMs: 20 } });
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const sdk = () => srv.client(STARTER.managementAccountId);
const heading = (name: string) => page.getByRole('heading', { name, exact: true }).waitFor();
// Tags on a detail page: add one through Manage tags and read it back with the SDK.
const tagThrough = async (arn: string, key: string, value: string) => {
  await page.getByRole('button', { name: 'Manage tags' }).click();
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.locator('#tag-key-0').fill(key);
  await page.locator('#tag-value-0').fill(value);
  await page.getByRole('button', { name: 'Save tags' }).click();
  await page.getByTestId('tags').waitFor();
  await assertText(page.getByTestId('tags'), new RegExp(`${key}\\s+${value}`));
  assert.deepEqual((await sdk().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { [key]: value });
};
const options = async (id: string) =>
  (await page
    .locator(`datalist[id="${id}-options"] option`)
    .evaluateAll((os) => os.map((o) => `${o.getAttribute('value')}|${o.getAttribute('label')}`))) as string[];

describe('console: components, recipes, infrastructure and pipelines', () => {
  it('renders each list and form without data', async () => {
    for (const [path, title, name, empty] of [
      ['/components', 'Components', 'components-empty', 'No components of yours in us-east-1 yet.'],
      ['/recipes', 'Image recipes', 'recipes-empty', 'No image recipes in us-east-1 yet.'],
      ['/infrastructure', 'Infrastructure configurations', 'infrastructure-empty', 'No infrastructure configurations in us-east-1 yet.'],
      ['/components/new', 'Create component', 'component-create', ''],
      ['/recipes/new', 'Create image recipe', 'recipe-create', ''],
      ['/infrastructure/new', 'Create infrastructure configuration', 'infrastructure-create', ''],
      ['/pipelines/new', 'Create image pipeline', 'pipeline-create', ''],
    ] as const) {
      await page.goto(`${srv.url}${path}`);
      await heading(title);
      // The list loads after the heading shows: wait for its answer (the empty state), not the first paint.
      if (empty) await page.locator('main').getByText(empty, { exact: true }).waitFor({ timeout: 10_000 });
      problems.push(...(await checkPage(page, name, () => heading(title))));
    }
    assert.deepEqual(problems.splice(0), []);
  });

  it('creates a component, a recipe, an infrastructure configuration and a pipeline through the forms, then deletes them', async () => {
    // Component: the YAML document comes pre-filled.
    await page.goto(`${srv.url}/components/new`);
    await page.locator('#name').fill('hello');
    await page.getByRole('button', { name: 'Create component' }).click();
    await heading('hello 1.0.0');
    await assertText(page.locator('pre'), /ExecuteBash/);
    await tagThrough(`arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:component/hello/1.0.0/1`, 'team', 'web');
    problems.push(...(await checkPage(page, 'component-detail', () => heading('hello 1.0.0'))));
    await page.getByRole('link', { name: 'Components', exact: true }).first().click();
    await page.getByTestId('components').waitFor();
    await page.locator('#component-owner').selectOption('Amazon');
    await page.getByRole('searchbox', { name: 'Search Components' }).fill('update-linux');
    await page.getByTestId('components').getByText('update-linux', { exact: true }).first().waitFor();

    // Recipe: Amazon's parent images and both owners' components are offered.
    await page.goto(`${srv.url}/recipes/new`);
    await heading('Create image recipe');
    const parents = await options('parentImage');
    const amazonLinux = parents.find((p) => /\(Amazon, Linux\)$/.test(p));
    assert.ok(amazonLinux, parents.join('\n'));
    const components = await options('components');
    const mine = components.find((c) => c.startsWith(`arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:component/hello/1.0.0`));
    assert.ok(mine, components.join('\n'));
    assert.ok(
      components.some((c) => /\/update-linux\/.*\(Amazon, BUILD Linux\)$/.test(c)),
      components.join('\n'),
    );
    await page.locator('#name').fill('web');
    // A bad version: plain words at the field.
    await page.locator('#semanticVersion').fill('one');
    await page.locator('[id="parentImage"]').fill(amazonLinux!.split('|')[0]!);
    await page.locator('#components').fill(mine!.split('|')[0]!);
    await page.getByRole('button', { name: 'Create recipe' }).click();
    const err = page.locator('[data-path="semanticVersion"] .field-error');
    await err.waitFor();
    await assertText(err, /^A version is three whole numbers separated by dots \(major\.minor\.patch\), for example 1\.0\.0\./);
    assert.match(
      (await err.locator('details code').textContent()) ?? '',
      /^InvalidParameterValueException: The value supplied for parameter 'semanticVersion' is not valid\./,
    );
    await page.locator('#semanticVersion').fill('1.0.0');
    await page.getByRole('button', { name: 'Create recipe' }).click();
    await heading('web 1.0.0');
    await assertText(page.getByTestId('recipe-components'), /component\/hello\/1\.0\.0/);
    await tagThrough(`arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:image-recipe/web/1.0.0`, 'team', 'web');
    problems.push(...(await checkPage(page, 'recipe-detail', () => heading('web 1.0.0'))));

    // Infrastructure: create, then edit (a full replacement).
    await page.goto(`${srv.url}/infrastructure/new`);
    await page.locator('#name').fill('build');
    await page.locator('#instanceTypes').fill('t3.medium');
    await page.getByRole('button', { name: 'Create infrastructure configuration' }).click();
    await heading('build');
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await heading('Edit build');
    await page.locator('#description').fill('Builds in us-east-1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('build');
    await assertText(page.getByTestId('infrastructure-facts'), /Description\s+Builds in us-east-1[\s\S]*Instance types\s+t3\.medium/);
    const infraArn = `arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:infrastructure-configuration/build`;
    const infra = (await sdk().send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn }))).infrastructureConfiguration!;
    assert.deepEqual(
      [infra.description, infra.instanceTypes, infra.instanceProfileName],
      ['Builds in us-east-1', ['t3.medium'], 'EC2InstanceProfileForImageBuilder'],
    );
    await tagThrough(infraArn, 'team', 'web');
    problems.push(...(await checkPage(page, 'infrastructure-detail', () => heading('build'))));

    // Pipeline: recipe and infrastructure picked from the account's own.
    await page.goto(`${srv.url}/pipelines/new`);
    await heading('Create image pipeline');
    await page.locator('#name').fill('nightly');
    await page.locator('#imageRecipeArn').selectOption({ label: 'web 1.0.0' });
    await page.locator('#infrastructureConfigurationArn').selectOption({ label: 'build' });
    await page.locator('[id="schedule.scheduleExpression"]').fill('cron(0 3 * * ? *)');
    await page.locator('[id="schedule.timezone"]').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Create pipeline' }).click();
    await heading('nightly');
    const pipelineArn = `arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:image-pipeline/nightly`;
    const pipe = (await sdk().send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn }))).imagePipeline!;
    assert.deepEqual(
      [pipe.imageRecipeArn, pipe.infrastructureConfigurationArn, pipe.schedule?.scheduleExpression, pipe.schedule?.timezone, pipe.status],
      [`arn:aws:imagebuilder:us-east-1:${STARTER.managementAccountId}:image-recipe/web/1.0.0`, infraArn, 'cron(0 3 * * ? *)', 'Europe/Berlin', 'ENABLED'],
    );
    // Edit: disable it.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await heading('Edit nightly');
    await page.locator('#status').selectOption('DISABLED');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('nightly');
    assert.equal((await sdk().send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn }))).imagePipeline!.status, 'DISABLED');
    problems.push(...(await checkPage(page, 'pipeline-detail', () => heading('nightly'))));
    await page.goto(`${srv.url}/pipelines`);
    await page.getByTestId('pipelines').waitFor();
    problems.push(...(await checkPage(page, 'pipelines-list', () => page.getByTestId('pipelines').waitFor())));

    // The infrastructure is in use: deleting it first is refused and explained; nothing changes.
    await page.goto(`${srv.url}/infrastructure/${encodeURIComponent(infraArn)}`);
    await heading('build');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    await assertText(page.getByRole('dialog').getByRole('alert'), /^ResourceDependencyException: .*something still uses it/);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await sdk().send(new ListInfrastructureConfigurationsCommand({}))).infrastructureConfigurationSummaryList?.length, 1);

    // Delete in order: pipeline, infrastructure, recipe, component.
    await page.goto(`${srv.url}/pipelines/${encodeURIComponent(pipelineArn)}`);
    await heading('nightly');
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await heading('Image pipelines');
    assert.equal((await sdk().send(new ListImagePipelinesCommand({}))).imagePipelineList?.length, 0);
    for (const [path, title, select, list] of [
      ['/infrastructure', 'Infrastructure configurations', 'Select build', 'infrastructure-list'],
      ['/recipes', 'Image recipes', 'Select web 1.0.0', 'recipes-list'],
      ['/components', 'Components', 'Select hello 1.0.0', 'components-list'],
    ] as const) {
      await page.goto(`${srv.url}${path}`);
      await heading(title);
      problems.push(...(await checkPage(page, list, () => page.getByLabel(select).waitFor())));
      await page.getByLabel(select).check();
      await page.getByRole('button', { name: 'Actions' }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.locator('main .empty').waitFor();
    }
    assert.equal((await sdk().send(new ListInfrastructureConfigurationsCommand({}))).infrastructureConfigurationSummaryList?.length, 0);
    assert.equal((await sdk().send(new ListImageRecipesCommand({}))).imageRecipeSummaryList?.length, 0);
    assert.equal((await sdk().send(new ListComponentsCommand({}))).componentVersionList?.length, 0);
    assert.deepEqual(problems.splice(0), []);
    // Chromium logs each 4xx response: the bad version and the refused delete.
    assert.deepEqual(
      errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e)),
      [],
    );
  });
});
