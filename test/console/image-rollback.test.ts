// "Roll back to this image" on the image page, in headless Chromium against a real server: two
// images distributed with settings that write an SSM parameter and a launch-template default in
// two Regions; from the first image's page the plan lists exactly the four re-pointings (from the
// second image's AMIs to the first's), Apply runs them and the world (SSM GetParameter and EC2
// DescribeLaunchTemplates/Versions over the SDK) points at the first image's AMIs again. Where the
// earlier AMI was deregistered the plan refuses with the reason and that Region is left as it was.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import { DeregisterImageCommand, DescribeLaunchTemplateVersionsCommand, DescribeLaunchTemplatesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, OWNER_LT, SOURCE_AMI, beyondWorld } from '../beyond/world.js';
import { assertText, checkPage, launch, openPage } from './browser.js';

const PARAM = '/app/golden';
const REGIONS = ['us-east-1', 'us-west-2'] as const;
type Region = (typeof REGIONS)[number];

let srv: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let first: string;
let second: string;
/** Each image's owner AMI per Region (GetImage's outputResources). */
const amis: Record<string, Record<string, string>> = {};

const credentials = { accessKeyId: OWNER, secretAccessKey: 'x' };
const ssm = (region: Region) => new SSMClient({ endpoint: srv.url, region, maxAttempts: 1, credentials });
const ec2 = (region: Region) => new EC2Client({ endpoint: srv.url, region, maxAttempts: 1, credentials });

/** What the world says now, over the SDK: the parameter's value and the template's default version and its AMI. */
async function pointers(region: Region): Promise<{ parameter: string; version: number; templateAmi: string }> {
  const parameter = (await ssm(region).send(new GetParameterCommand({ Name: PARAM }))).Parameter!.Value!;
  const [t] = (await ec2(region).send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [OWNER_LT[region]] }))).LaunchTemplates!;
  const [v] = (await ec2(region).send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: OWNER_LT[region], Versions: ['$Default'] })))
    .LaunchTemplateVersions!;
  assert.equal(v!.VersionNumber, t!.DefaultVersionNumber);
  return { parameter, version: v!.VersionNumber!, templateAmi: v!.LaunchTemplateData!.ImageId! };
}

/** The plan's rows as [Region, account, kind, resource, now, back to, outcome] (the table's text). */
async function rows(where: string): Promise<string[][]> {
  return page
    .locator(`[data-testid="${where}"] [data-testid="rollback-changes"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as { innerText: string }).innerText.trim())));
}

async function openImage(arn: string): Promise<void> {
  await page.goto(`${srv.url}/images/${encodeURIComponent(arn)}`);
  await page.getByTestId('rollback').waitFor({ timeout: 20_000 });
}

before(async () => {
  assert.ok(existsSync('dist/console/index.html'), 'the console is not built: run npm run build:console');
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0 });
  const c = srv.client();
  const { distributionConfigurationArn } = await c.send(
    new CreateDistributionConfigurationCommand({
      name: 'pointed',
      distributions: REGIONS.map((region) => ({
        region,
        amiDistributionConfiguration: { name: `pointed-${region} {{ imagebuilder:buildDate }} {{ imagebuilder:buildVersion }}` },
        launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT[region], setDefaultVersion: true }],
        ssmParameterConfigurations: [{ parameterName: PARAM }],
      })),
    }),
  );
  for (const n of [1, 2]) {
    const arn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn, executionRole: 'r' }))).imageBuildVersionArn!;
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    amis[arn] = Object.fromEntries((image.outputResources?.amis ?? []).filter((a) => a.accountId === OWNER).map((a) => [a.region!, a.image!]));
    if (n === 1) first = arn;
    else second = arn;
  }
  browser = await launch();
  ({ page, errors } = await openPage(browser));
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the image page: roll back to this image', () => {
  it('plans exactly the four re-pointings, changing nothing, then Apply puts the first image back in both Regions', async () => {
    // The world before: both Regions point at the second image (template versions 1 seed, 2 first, 3 second).
    for (const region of REGIONS) {
      assert.deepEqual(await pointers(region), { parameter: amis[second]![region], version: 3, templateAmi: amis[second]![region] }, region);
    }
    await openImage(first);
    const panel = page.getByTestId('rollback');
    await panel.getByRole('button', { name: 'Roll back to this image' }).click();
    const plan = page.getByTestId('rollback-plan');
    await plan.waitFor();
    await assertText(page.getByTestId('rollback-summary'), '4 to change, 0 unchanged, 0 refused.');
    assert.deepEqual(
      await rows('rollback-plan'),
      REGIONS.flatMap((region) => [
        [region, OWNER, 'launch template', OWNER_LT[region], `version 3 (${amis[second]![region]})`, `version 2 (${amis[first]![region]})`, 'change'],
        [region, OWNER, 'SSM parameter', PARAM, amis[second]![region]!, amis[first]![region]!, 'change'],
      ]),
    );
    // Keyboard: the plan's heading has the focus once it appears, and Apply is reached by Tab.
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Rollback plan');
    assert.deepEqual(await checkPage(page, 'image-rollback-plan', () => plan.waitFor()), []);
    for (const region of REGIONS) assert.equal((await pointers(region)).parameter, amis[second]![region], 'planning changes nothing');

    const apply = plan.getByRole('button', { name: 'Apply: roll back 4 changes' });
    await apply.focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('rollback-result');
    await assertText(result.getByRole('status'), /^Rollback run [0-9a-f-]{36}: succeeded$/, 20_000);
    await assertText(page.getByTestId('rollback-result-summary'), 'Started: 4 to change, 0 unchanged, 0 refused.');
    assert.equal(await result.locator('[data-job]').count(), 4);
    assert.deepEqual(await result.locator('[data-job]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state'))), [
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
    ]);
    // The world, over the SDK: parameters and template defaults point at the first image's AMIs;
    // the templates' default went back to version 2 (no new version).
    for (const region of REGIONS) {
      assert.deepEqual(await pointers(region), { parameter: amis[first]![region], version: 2, templateAmi: amis[first]![region] }, region);
      const versions = (await ec2(region).send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: OWNER_LT[region] }))).LaunchTemplateVersions!;
      assert.equal(versions.length, 3, `no new template version in ${region}`);
    }
    assert.deepEqual(await checkPage(page, 'image-rollback-result', () => result.waitFor()), []);

    // Planned again: everything is already so.
    await panel.getByRole('button', { name: 'Plan again' }).click();
    await assertText(page.getByTestId('rollback-summary'), '0 to change, 4 unchanged, 0 refused.');
    assert.equal(await plan.getByRole('button', { name: /^Apply/ }).count(), 0);
    await assertText(plan, /Nothing to change\./);
  });

  it('refuses where the earlier AMI was deregistered, with the reason, and leaves that Region as it was', async () => {
    // Back to the second image, whose us-west-2 AMI is gone.
    await ec2('us-west-2').send(new DeregisterImageCommand({ ImageId: amis[second]!['us-west-2'] }));
    await openImage(second);
    await page.getByTestId('rollback').getByRole('button', { name: 'Roll back to this image' }).click();
    await assertText(page.getByTestId('rollback-summary'), '2 to change, 0 unchanged, 2 refused.');
    const gone = `refused: AMI ${amis[second]!['us-west-2']} of account ${OWNER} no longer exists in us-west-2 (deregistered).`;
    assert.deepEqual(
      (await rows('rollback-plan')).map((r) => [r[0], r[2], r[6]]),
      [
        ['us-east-1', 'launch template', 'change'],
        ['us-east-1', 'SSM parameter', 'change'],
        ['us-west-2', 'launch template', gone],
        ['us-west-2', 'SSM parameter', gone],
      ],
    );
    assert.deepEqual(await checkPage(page, 'image-rollback-refused', () => page.getByTestId('rollback-plan').waitFor()), []);
    await page.getByRole('button', { name: 'Apply: roll back 2 changes' }).click();
    await assertText(page.getByTestId('rollback-result').getByRole('status'), /: succeeded$/, 20_000);
    assert.deepEqual(await pointers('us-east-1'), { parameter: amis[second]!['us-east-1'], version: 3, templateAmi: amis[second]!['us-east-1'] });
    assert.deepEqual(
      await pointers('us-west-2'),
      { parameter: amis[first]!['us-west-2'], version: 2, templateAmi: amis[first]!['us-west-2'] },
      'the refused Region still points at the first image',
    );
  });

  it('where every earlier AMI is gone, shows each reason, offers no Apply and changes nothing', async () => {
    await ec2('us-east-1').send(new DeregisterImageCommand({ ImageId: amis[second]!['us-east-1'] }));
    const before = await Promise.all(REGIONS.map(pointers));
    await openImage(second);
    await page.getByTestId('rollback').getByRole('button', { name: 'Roll back to this image' }).click();
    await assertText(page.getByTestId('rollback-summary'), '0 to change, 0 unchanged, 4 refused.');
    const reasons = (await rows('rollback-plan')).map((r) => r[6]);
    assert.deepEqual(
      reasons,
      REGIONS.flatMap((region) => Array(2).fill(`refused: AMI ${amis[second]![region]} of account ${OWNER} no longer exists in ${region} (deregistered).`)),
    );
    assert.equal(
      await page
        .getByTestId('rollback-plan')
        .getByRole('button', { name: /^Apply/ })
        .count(),
      0,
    );
    await assertText(
      page.getByTestId('rollback-plan'),
      /Nothing to change\.[\s\S]*Refused ones are left as they are\.|Refused ones are left as they are\.[\s\S]*Nothing to change\./,
    );
    assert.deepEqual(await Promise.all(REGIONS.map(pointers)), before, 'nothing changed');
    assert.deepEqual(
      (await srv.client().send(new GetImageCommand({ imageBuildVersionArn: second }))).image?.state?.status,
      'AVAILABLE',
      'the image itself is untouched',
    );
    assert.deepEqual(errors, []);
  });
});
