// ibex on ibex, end to end: `ibex serve --cloud aws --cloud-endpoint <other ibex>` distributes
// through the AWS adapter into a second ibex's simulated world, and what lands there is exactly
// what the same distribution leaves in an in-process simulated world.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { startServer, type IbexServer } from '../../src/server/app.js';
import type { WorldSnapshot } from '../../src/world/index.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';
import { waitForImage } from '../helpers/images.js';
import { killHard, startChild, type Child } from '../helpers/process.js';

let world: IbexServer; // the "AWS" the front ibex distributes into
let inProcess: IbexServer; // the same distribution, simulated in-process
let front: Child;

before(async () => {
  world = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
  inProcess = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec(), runner: { pollMs: 5 } });
  // The front ibex's own credentials (the standard chain): a 12-digit key is that account in the world ibex.
  process.env.AWS_ACCESS_KEY_ID = FX.owner;
  process.env.AWS_SECRET_ACCESS_KEY = 'ibex';
  process.env.AWS_REGION = FX.region;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  front = await startChild(mkdtempSync(join(tmpdir(), 'ibex-front-')), { args: ['--cloud', 'aws', '--cloud-endpoint', world.url] });
});
after(async () => {
  if (front) await killHard(front);
  await world?.close();
  await inProcess?.close();
});

const DISTRIBUTIONS = [
  {
    region: 'us-east-1',
    amiDistributionConfiguration: {
      name: 'app {{ imagebuilder:buildDate }}',
      targetAccountIds: [FX.member],
      launchPermission: { userIds: [FX.outsider] },
      amiTags: { team: 'platform' },
    },
    launchTemplateConfigurations: [{ launchTemplateId: FX.memberLaunchTemplateId, accountId: FX.member }],
    ssmParameterConfigurations: [{ amiAccountId: FX.member, parameterName: '/app/ami', dataType: 'aws:ec2:image' as const }],
  },
  { region: 'us-west-2', amiDistributionConfiguration: { name: 'app {{ imagebuilder:buildDate }}' } },
];

async function distribute(url: string): Promise<void> {
  const ib = new ImagebuilderClient({ endpoint: url, region: FX.region, maxAttempts: 1, credentials: { accessKeyId: FX.owner, secretAccessKey: 'ibex' } });
  const { distributionConfigurationArn } = await ib.send(new CreateDistributionConfigurationCommand({ name: 'on-ibex', distributions: DISTRIBUTIONS }));
  const { imageBuildVersionArn } = await ib.send(
    new DistributeImageCommand({ sourceImage: FX.linuxImageId, distributionConfigurationArn, executionRole: 'ImageBuilderRole', clientToken: 'on-ibex-1' }),
  );
  const image = await waitForImage(ib, imageBuildVersionArn!, 45_000);
  ib.destroy();
  assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
}

/** What a distribution left in a world, with ids replaced by who owns the AMI where (ids differ per world). */
function outcome(snap: WorldSnapshot): unknown {
  const fixtureIds = new Set(fixtureSpec().accounts!.flatMap((a) => (a.images ?? []).map((i) => i.imageId)));
  const label = new Map(snap.images.map((i) => [i.imageId, fixtureIds.has(i.imageId) ? i.imageId : `${i.accountId}/${i.region}`]));
  const l = (id: string | null | undefined) => (id ? (label.get(id) ?? id) : id);
  return {
    images: snap.images
      .filter((i) => !fixtureIds.has(i.imageId))
      .map((i) => ({
        at: l(i.imageId),
        name: i.name.replace(/\d{4}-\d{2}-\d{2}T[\d.-]+Z/, '<date>'),
        state: i.state,
        source: l(i.sourceImageId),
        sourceRegion: i.sourceRegion,
        tags: { ...i.tags, Ec2ImageBuilderArn: '<arn>' },
        launchPermissions: i.launchPermissions,
      }))
      .sort((a, b) => String(a.at).localeCompare(String(b.at))),
    parameters: snap.ssmParameters.map((p) => ({ accountId: p.accountId, region: p.region, name: p.name, value: l(p.value), dataType: p.dataType })),
    templates: snap.launchTemplates
      .map((t) => ({
        id: t.launchTemplateId,
        defaultVersion: t.defaultVersion,
        versions: t.versions.map((v) => ({ n: v.versionNumber, imageId: l(v.imageId) })),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('ibex serve --cloud aws --cloud-endpoint <another ibex>', () => {
  it('lands the distribution in the other ibex’s world exactly as the simulated world does in-process', async () => {
    await distribute(`${front.url}`);
    await distribute(inProcess.url);
    const overTheWire = outcome(world.world.snapshot());
    assert.deepEqual(overTheWire, outcome(inProcess.world.snapshot()));
    // And it is what was asked for: the owner's AMIs in both Regions, the member's copy, its parameter.
    const o = overTheWire as { images: { at: string }[]; parameters: { accountId: string; value: string }[] };
    assert.deepEqual(
      o.images.map((i) => i.at),
      [`${FX.member}/us-east-1`, `${FX.owner}/us-east-1`, `${FX.owner}/us-west-2`],
    );
    assert.deepEqual(
      o.parameters.map((p) => [p.accountId, p.value]),
      [[FX.member, `${FX.member}/us-east-1`]],
    );
  });
});
