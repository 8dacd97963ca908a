// Container recipes in headless Chromium against a real server: the empty list; the create form
// with the target repository picked from the account's ECR repositories in the world and a
// component from Amazon's; the detail (target, components, Dockerfile template); delete after a
// confirmation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { GetContainerRecipeCommand, ListContainerRecipesCommand, ListTagsForResourceCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER } from '../helpers/world.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

let srv: TestServer;
let c: ImagebuilderClient;
let browser: Browser;
let page: Page;
let errors: string[];

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: buildWorld() });
  c = srv.client(OWNER);
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const field = (path: string) => page.locator(`[id="${path}"]`);
const options = (path: string) => page.locator(`datalist[id="${path}-options"] option`).evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
const count = async () => ((await c.send(new ListContainerRecipesCommand({}))).containerRecipeSummaryList ?? []).length;

describe('the Container recipes pages', () => {
  it('creates a container recipe with the repository and components pickers, shows it, and deletes it', async () => {
    await page.goto(`${srv.url}/container-recipes`);
    await page.getByRole('heading', { name: 'Container recipes', exact: true }).waitFor();
    await assertText(page.locator('main'), /No container recipes in us-east-1 yet\./);
    assert.deepEqual(
      await checkPage(page, 'container-recipes-empty', () => page.getByRole('heading', { name: 'Container recipes', exact: true }).waitFor()),
      [],
    );

    await page.getByRole('link', { name: 'Create container recipe' }).click();
    await page.getByRole('heading', { name: 'Create container recipe', exact: true }).waitFor();
    assert.deepEqual(await options('targetRepository.repositoryName'), ['web-app'], "the account's ECR repositories in us-east-1");
    await page.locator('datalist[id="components-options"] option').first().waitFor({ state: 'attached' });
    const update = (await options('components')).find((o) => o.includes(':aws:component/update-linux/'));
    assert.ok(update, 'Amazon’s update-linux component is offered');
    await field('name').fill('web');
    await field('targetRepository.repositoryName').fill('web-app');
    await field('components').fill(update!);
    assert.deepEqual(await checkPage(page, 'container-recipe-create', () => field('name').waitFor()), []);
    await page.getByRole('button', { name: 'Create container recipe' }).click();
    await page.getByRole('heading', { name: 'web 1.0.0', exact: true }).waitFor();

    const arn = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const got = (await c.send(new GetContainerRecipeCommand({ containerRecipeArn: arn }))).containerRecipe!;
    assert.deepEqual(got.targetRepository, { service: 'ECR', repositoryName: 'web-app' });
    assert.deepEqual(
      got.components?.map((x) => x.componentArn),
      [update],
    );
    await assertText(page.getByTestId('container-recipe-target'), 'ECR web-app');
    assert.equal(await page.getByTestId('container-recipe-dockerfile').textContent(), got.dockerfileTemplateData);
    assert.equal(await page.getByTestId('container-recipe-components').locator('li').count(), 1);
    assert.deepEqual(await checkPage(page, 'container-recipe-detail', () => page.getByTestId('container-recipe-facts').waitFor()), []);

    // Tags: added on the detail page, read back with the SDK.
    await page.getByRole('button', { name: 'Manage tags' }).click();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('team');
    await page.locator('#tag-value-0').fill('web');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByTestId('tags').waitFor();
    await assertText(page.getByTestId('tags'), /team\s+web/);
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { team: 'web' });

    // The detail page opened by its URL (a reload, a shared link): the ARN ends in a version such
    // as 1.0.0, which must not read as a file's extension.
    const detailUrl = page.url();
    assert.equal(new URL(detailUrl).pathname, `/container-recipes/${encodeURIComponent(arn)}`);
    await page.goto(detailUrl);
    await page.getByRole('heading', { name: 'web 1.0.0', exact: true }).waitFor();
    await assertText(page.getByTestId('container-recipe-target'), 'ECR web-app');

    // The list with data, then the same delete from the detail page.
    await page.goto(`${srv.url}/container-recipes`);
    await page.getByLabel('Select web 1.0.0').waitFor();
    assert.deepEqual(await checkPage(page, 'container-recipes-list', () => page.getByLabel('Select web 1.0.0').waitFor()), []);
    await page.getByTestId('container-recipes').getByRole('link', { name: 'web', exact: true }).click();
    await page.getByRole('heading', { name: 'web 1.0.0', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await assertText(dialog, /Delete container recipe web 1\.0\.0\?[\s\S]*cannot be undone/);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No container recipes in us-east-1 yet.').waitFor();
    assert.equal(await count(), 0);
    assert.deepEqual(errors, []);
  });
});
