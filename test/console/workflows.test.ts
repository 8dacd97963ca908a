// The Workflows pages in headless Chromium against a real server: the empty list, creating a
// workflow from YAML through the form (an invalid document shows the service's error and creates
// nothing), the detail with its document and parameters, Amazon's managed workflows, delete through
// the Actions menu and a confirmation, tags edited on the detail, and a list of 12 paged 10 at a time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CreateWorkflowCommand, GetWorkflowCommand, ListWorkflowsCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
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

const mine = async () => ((await c.send(new ListWorkflowsCommand({ owner: 'Self' }))).workflowVersionList ?? []).map((w) => `${w.name} ${w.version}`).sort();
const goto = async (path: string, heading: string) => {
  await page.goto(`${srv.url}${path}`);
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
};

const PARAMETERIZED = `name: with-params
schemaVersion: 1.0
parameters:
  - name: restRegion
    type: string
    default: eu-west-1
    description: Where the rest goes
steps:
  - name: WaitForApproval
    action: WaitForAction
`;

describe('the Workflows pages', () => {
  it('shows an empty list, then creates a workflow from YAML and shows its document', async () => {
    await goto('/workflows', 'Workflows');
    await assertText(page.locator('main'), /No workflows of yours in us-east-1 yet\./);
    assert.deepEqual(await checkPage(page, 'workflows-empty', () => page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor()), []);

    await page.getByRole('link', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'Create workflow', exact: true }).waitFor();
    assert.deepEqual(await checkPage(page, 'workflow-create', () => page.getByRole('heading', { name: 'Create workflow' }).waitFor()), []);
    await page.locator('[id="name"]').fill('gated');
    // A document that is not a workflow: the service's message, and nothing created.
    const doc = page.locator('[id="data"]');
    const template = await doc.inputValue();
    assert.match(template, /action: WaitForAction/);
    await doc.fill('steps: []\n');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    const alert = page.locator('[role="alert"]').first();
    await alert.waitFor();
    await assertText(alert, /Exception/);
    assert.deepEqual(await mine(), []);

    await doc.fill(template);
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'gated 1.0.0', exact: true }).waitFor();
    assert.deepEqual(await mine(), ['gated 1.0.0']);
    const arn = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const got = (await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: arn }))).workflow!;
    assert.equal(got.type, 'DISTRIBUTION');
    assert.equal(await page.getByTestId('workflow-document').textContent(), got.data);
    await assertText(page.getByTestId('workflow-facts'), /DISTRIBUTION/);
    assert.deepEqual(await checkPage(page, 'workflow-detail', () => page.getByTestId('workflow-document').waitFor()), []);
  });

  it('shows a workflow’s parameters and Amazon’s managed workflows', async () => {
    const { workflowBuildVersionArn } = await c.send(
      new CreateWorkflowCommand({ name: 'with-params', semanticVersion: '2.1.0', type: 'DISTRIBUTION', data: PARAMETERIZED, clientToken: 'p-1' }),
    );
    await goto(`/workflows/${encodeURIComponent(workflowBuildVersionArn!)}`, 'with-params 2.1.0');
    assert.deepEqual(await page.getByTestId('workflow-parameters').locator('tbody tr td').allInnerTexts(), [
      'restRegion',
      'string',
      'eu-west-1',
      'Where the rest goes',
    ]);
    // Tags of the account's own workflow are editable (TagResource on the build ARN).
    await page.getByRole('button', { name: 'Manage tags' }).click();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('team');
    await page.locator('#tag-value-0').fill('release');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByTestId('tags').waitFor();
    assert.deepEqual((await c.send(new GetWorkflowCommand({ workflowBuildVersionArn }))).workflow?.tags, { team: 'release' });

    await goto('/workflows', 'Workflows');
    await page.getByLabel('Owner').selectOption('Amazon');
    const table = page.getByTestId('workflows');
    await table.locator('tbody tr').first().waitFor();
    const managed = ((await c.send(new ListWorkflowsCommand({ owner: 'Amazon' }))).workflowVersionList ?? []).map((w) => w.name!);
    assert.ok(managed.length > 0, 'the service lists managed workflows');
    const shown = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(shown.slice(0, Math.min(10, managed.length)).sort(), [...managed].sort().slice(0, Math.min(10, managed.length)).sort());
  });

  it('deletes through the Actions menu after a confirmation', async () => {
    await goto('/workflows', 'Workflows');
    await page.getByLabel('Select gated 1.0.0').check();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await assertText(dialog, /Delete workflow[\s\S]*cannot be undone/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await mine(), ['gated 1.0.0', 'with-params 2.1.0'], 'Cancel deletes nothing');
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('workflows').getByText('gated', { exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await mine(), ['with-params 2.1.0']);
  });

  it('pages a list of 12 workflows 10 at a time, sorts, searches and selects them', async () => {
    for (let i = 1; i <= 11; i++) {
      await c.send(
        new CreateWorkflowCommand({
          name: `paged-${String(i).padStart(2, '0')}`,
          semanticVersion: '1.0.0',
          type: 'DISTRIBUTION',
          data: PARAMETERIZED,
          clientToken: `paged-${i}`,
        }),
      );
    }
    assert.equal((await mine()).length, 12);
    await goto('/workflows', 'Workflows');
    const table = page.getByTestId('workflows');
    await table.locator('tbody tr').first().waitFor();
    assert.equal(await table.locator('tbody tr').count(), 10);
    const pager = page.getByRole('navigation', { name: 'Workflows pages' });
    await assertText(pager, /Page 1 of 2/);
    const first = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await assertText(pager, /Page 2 of 2/);
    const second = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.equal(second.length, 2);
    assert.deepEqual([...first, ...second], [...(await mine()).map((n) => n.split(' ')[0]!)], 'every workflow once, sorted by name');
    const names = (await mine()).map((n) => n.split(' ')[0]!);
    // Sorting: the Name header turns the order round (and says so to a screen reader), from page 1.
    const nameHeader = table.getByRole('columnheader', { name: /^Name/ });
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
    await nameHeader.getByRole('button').click();
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await table.locator('tbody tr td:nth-child(2)').allInnerTexts(), [...names].reverse().slice(0, 10));
    await nameHeader.getByRole('button').click();
    // Search narrows the rows and the count; selecting every row of the page counts them.
    const search = page.getByRole('searchbox', { name: 'Search Workflows' });
    await search.fill('paged-0');
    assert.deepEqual(
      await table.locator('tbody tr td:nth-child(2)').allInnerTexts(),
      names.filter((n) => n.startsWith('paged-0')),
    );
    await page.getByText('9 of 12 items · 0 selected').waitFor();
    await table.getByLabel('Select every row on this page').check();
    await page.getByText('9 of 12 items · 9 selected').waitFor();
    await table.getByLabel('Select paged-01 1.0.0').uncheck();
    await page.getByText('9 of 12 items · 8 selected').waitFor();
    await table.getByLabel('Select every row on this page').check();
    await table.getByLabel('Select every row on this page').uncheck();
    await search.fill('');
    assert.deepEqual(await checkPage(page, 'workflows-list', () => table.waitFor()), []);
    // The only failed request is the invalid CreateWorkflow of the first test.
    assert.deepEqual(errors, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
