// End-to-end console test of pipelines in headless Chromium against ibex serving the built console:
// a recipe, an infrastructure configuration, distribution settings and a scheduled pipeline made
// with the SDK show on the pipelines page with their next run; "Run now" opens the new image's
// fan-out, which reaches AVAILABLE; the images list (ListImages) shows it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImagePipelineCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { STARTER } from '../../src/world/index.js';
import { assertText, launch, openPage, screenshot } from './browser.js';

let srv: TestServer;
let browser: Browser;

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  // Short but visible phases: the page sees BUILDING, then the copies fan out.
  srv = await startTestServer({ timings: { buildMs: 1200, testMs: 300, copyImageMs: 1200 }, buildPollMs: 20, runner: { pollMs: 20 } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

const utc = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

describe('web console: pipelines', () => {
  it('lists a scheduled pipeline with its next run, shows its detail, runs it now and watches the image reach AVAILABLE', async () => {
    const c = srv.client(STARTER.managementAccountId);
    const recipe = await c.send(
      new CreateImageRecipeCommand({
        name: 'web',
        semanticVersion: '1.0.0',
        description: 'The web server image',
        parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x',
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
      }),
    );
    const infra = await c.send(
      new CreateInfrastructureConfigurationCommand({
        name: 'web-build',
        instanceProfileName: 'EC2InstanceProfileForImageBuilder',
        instanceTypes: ['t3.medium'],
      }),
    );
    const dist = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'web-nightly',
        distributions: [
          {
            region: 'us-east-1',
            amiDistributionConfiguration: { name: 'web-nightly {{ imagebuilder:buildDate }}', targetAccountIds: [STARTER.prodAccountId] },
          },
          { region: 'eu-west-1', amiDistributionConfiguration: { name: 'web-nightly {{ imagebuilder:buildDate }}' } },
        ],
      }),
    );
    const { imagePipelineArn } = await c.send(
      new CreateImagePipelineCommand({
        name: 'web-nightly',
        description: 'Builds the web image every night in Berlin',
        imageRecipeArn: recipe.imageRecipeArn!,
        infrastructureConfigurationArn: infra.infrastructureConfigurationArn!,
        distributionConfigurationArn: dist.distributionConfigurationArn!,
        schedule: { scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'Europe/Berlin', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
        imageTestsConfiguration: { imageTestsEnabled: true },
      }),
    );
    const { imagePipeline } = await c.send(new GetImagePipelineCommand({ imagePipelineArn }));
    const nextRun = imagePipeline!.dateNextRun!;
    assert.ok(nextRun, 'the server reports dateNextRun');

    const { page, errors } = await openPage(browser);
    await page.goto(`${srv.url}/pipelines`);
    await page.getByRole('heading', { name: 'Image pipelines' }).waitFor();
    const row = page.getByTestId('pipelines').locator('tbody tr', { hasText: 'web-nightly' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /web-nightly\s+ENABLED\s+web 1\.0\.0\s+cron\(0 3 \* \* \? \*\) · Europe\/Berlin/);
    // The server's next run, in UTC and at 03:00 in the pipeline's zone.
    assert.match(text, new RegExp(`${utc(nextRun)} \\(\\d{4}-\\d\\d-\\d\\d 03:00 Europe/Berlin\\)`));
    assert.match(text, /never run/);
    await screenshot(page, 'console-pipelines');

    await row.getByRole('link', { name: 'web-nightly' }).click();
    await page.getByRole('heading', { name: 'web-nightly', exact: true }).waitFor();
    const schedule = await page.getByTestId('pipeline-schedule').innerText();
    assert.match(schedule, /cron\(0 3 \* \* \? \*\)/);
    assert.match(schedule, /Time zone\s+Europe\/Berlin/);
    assert.match(schedule, /every match/);
    const runs = await page.getByTestId('next-runs').locator('li').allInnerTexts();
    assert.equal(runs.length, 3);
    assert.ok(runs[0]!.startsWith(utc(nextRun)), runs[0]);
    for (const r of runs) assert.match(r, /03:00 Europe\/Berlin/);
    await assertText(page.getByTestId('pipeline-recipe'), /web 1\.0\.0[\s\S]*amazon-linux-2023-x86[\s\S]*update-linux/);
    await assertText(page.getByTestId('pipeline-infrastructure'), /EC2InstanceProfileForImageBuilder[\s\S]*t3\.medium/);
    assert.match(
      await page.getByTestId('pipeline-distribution').innerText(),
      new RegExp(`web-nightly[\\s\\S]*us-east-1, eu-west-1[\\s\\S]*${STARTER.prodAccountId}`),
    );
    await assertText(page.locator('main'), /No images yet\./);
    // Tags of the pipeline are editable on its page (TagResource), as on every resource page.
    await page.getByRole('button', { name: 'Manage tags' }).click();
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.locator('#tag-key-0').fill('owner');
    await page.locator('#tag-value-0').fill('web-team');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByTestId('tags').waitFor();
    assert.deepEqual((await c.send(new ListTagsForResourceCommand({ resourceArn: imagePipelineArn! }))).tags, { owner: 'web-team' });
    await screenshot(page, 'console-pipeline-detail');

    // Run now: the new image's page shows the build, then the fan-out to both Regions.
    await page.getByRole('button', { name: 'Run now' }).click();
    const status = page.getByTestId('image-status');
    await status.waitFor();
    assert.match(page.url(), /\/images\/arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fweb%2F1\.0\.0%2F1$/);
    await assertText(page.locator('main'), /built by pipeline web-nightly/);
    await page.waitForFunction(
      `['BUILDING','TESTING','DISTRIBUTING','INTEGRATING','AVAILABLE'].includes(document.querySelector('[data-testid="image-status"]')?.textContent)`,
    );
    await page.locator(`[data-node="job:ami:us-east-1:${STARTER.prodAccountId}"]`).waitFor({ timeout: 20_000 });
    await screenshot(page, 'console-pipeline-run');
    await page.waitForFunction(`document.querySelector('[data-testid="image-status"]')?.textContent === 'AVAILABLE'`, undefined, { timeout: 30_000 });
    for (const node of [`job:ami:us-east-1:${STARTER.prodAccountId}`, 'region:us-east-1', 'region:eu-west-1']) {
      assert.equal(await page.locator(`[data-node="${node}"]`).getAttribute('data-state'), 'COMPLETED', node);
    }
    assert.deepEqual(
      await page.locator('ol.phases li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-phase')}=${e.getAttribute('data-state')}`)),
      ['BUILD=COMPLETED', 'TEST=COMPLETED', 'DISTRIBUTION=COMPLETED'],
    );
    await screenshot(page, 'console-pipeline-fanout');

    // Back on the pipeline: its image and last run; on the images list (ListImages): the build.
    await page.getByTestId('image-pipeline').getByRole('link', { name: 'web-nightly' }).click();
    await page.getByTestId('pipeline-images').waitFor();
    await assertText(page.getByTestId('pipeline-images'), /web 1\.0\.0\/1\s+AVAILABLE\s+by a user/);
    await assertText(page.locator('dl.facts').first(), /Last run\s+AVAILABLE/);
    await page.getByRole('link', { name: 'Images', exact: true }).click();
    const image = page.getByTestId('images').locator('tbody tr', { hasText: 'web' });
    await image.waitFor();
    await assertText(image, /web\s+1\.0\.0\/1\s+AVAILABLE\s+AMI · Linux\s+started by a user/);
    await screenshot(page, 'console-images');

    assert.deepEqual(errors, []);
    await page.close();
  });
});
