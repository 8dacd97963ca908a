// Lifecycle executions through the AWS adapter against moto: ibex started with cloud 'aws'
// distributes an image to two Regions, then StartResourceStateUpdate acts on its AMIs with the
// EC2 lifecycle port — DELETED deregisters them and deletes their snapshots, a return to AVAILABLE
// takes the DeprecatedBy tag off (DeleteTags) — read back from moto with the AWS SDK. moto has no
// EnableImageDeprecation/DisableImage (the `amiLifecycle` gap): DEPRECATED and DISABLED with AMIs
// fail per AMI with InternalFailure, and the execution FAILED, which is asserted as such.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTagsCommand, DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client, RegisterImageCommand } from '@aws-sdk/client-ec2';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  GetLifecycleExecutionCommand,
  ListLifecycleExecutionResourcesCommand,
  StartResourceStateUpdateCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { MOTO_BASE_CREDENTIALS, MOTO_DEFAULT_ACCOUNT, startMoto, type Moto } from '../cloud/aws/moto.js';
import { waitForImage } from '../helpers/images.js';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';

const OWNER = MOTO_DEFAULT_ACCOUNT;
const REGIONS = ['us-east-1', 'us-west-2'];

let moto: Moto;
let srv: TestServer;
let c: ImagebuilderClient;
let sourceAmi: string;
let configArn: string;
const ec2 = (region: string) => new EC2Client({ endpoint: moto.url, region, credentials: MOTO_BASE_CREDENTIALS, maxAttempts: 1 });

before(async () => {
  moto = await startMoto();
  process.env.AWS_ACCESS_KEY_ID = MOTO_BASE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = MOTO_BASE_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  sourceAmi = (await ec2('us-east-1').send(new RegisterImageCommand({ Name: `lc-base-${Date.now()}` }))).ImageId!;
  srv = await startTestServer({ cloud: 'aws', cloudEndpoint: moto.url, runner: { pollMs: 20 } });
  c = srv.client(OWNER, 'us-east-1');
  configArn = (
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'lc-moto',
        distributions: REGIONS.map((region) => ({ region, amiDistributionConfiguration: { name: `lc-${region} {{ imagebuilder:buildDate }}` } })),
      }),
    )
  ).distributionConfigurationArn!;
});

after(async () => {
  await srv?.close();
  await moto?.stop();
});

/** A distributed image and its AMIs; the AMIs get the CreatedBy tag AWS's CopyImage would carry (moto drops copy tags). */
async function distributed(): Promise<{ arn: string; amis: { region: string; image: string }[] }> {
  const { imageBuildVersionArn } = await c.send(
    new DistributeImageCommand({ sourceImage: sourceAmi, distributionConfigurationArn: configArn, executionRole: 'EC2ImageBuilderDistributionRole' }),
  );
  const image = await waitForImage(c, imageBuildVersionArn!, 60_000);
  assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
  const amis = (image.outputResources?.amis ?? []).map((a) => ({ region: a.region!, image: a.image! })).filter((a) => a.image !== sourceAmi);
  assert.deepEqual(amis.map((a) => a.region).sort(), [...REGIONS].sort());
  for (const a of amis) await ec2(a.region).send(new CreateTagsCommand({ Resources: [a.image], Tags: [{ Key: 'CreatedBy', Value: 'EC2 Image Builder' }] }));
  return { arn: imageBuildVersionArn!, amis };
}

async function finished(id: string): Promise<{ status: string; reason?: string }> {
  for (let i = 0; i < 1000; i++) {
    const st = (await c.send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: id }))).lifecycleExecution!.state!;
    if (!['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(st.status!)) return { status: st.status!, ...(st.reason ? { reason: st.reason } : {}) };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${id} never finished`);
}

const amiRows = async (id: string, imageArn: string) =>
  (await c.send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id, parentResourceId: imageArn }))).resources!.sort((x, y) =>
    x.region!.localeCompare(y.region!),
  );

const tagsInMoto = async (region: string, imageId: string) => {
  const img = (await ec2(region).send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images![0]!;
  return Object.fromEntries((img.Tags ?? []).map((t) => [t.Key!, t.Value!]));
};

describe('lifecycle executions through the AWS adapter against moto', () => {
  it('DELETED deregisters the AMIs in both Regions and deletes their snapshots', async () => {
    const img = await distributed();
    const snapshots = new Map<string, string>();
    for (const a of img.amis) {
      const d = (await ec2(a.region).send(new DescribeImagesCommand({ ImageIds: [a.image] }))).Images![0]!;
      snapshots.set(a.image, d.BlockDeviceMappings![0]!.Ebs!.SnapshotId!);
    }
    const { lifecycleExecutionId } = await c.send(
      new StartResourceStateUpdateCommand({
        resourceArn: img.arn,
        state: { status: 'DELETED' },
        executionRole: 'LifecycleRole',
        includeResources: { amis: true, snapshots: true },
      }),
    );
    assert.equal((await finished(lifecycleExecutionId!)).status, 'SUCCESS');
    const rows = await amiRows(lifecycleExecutionId!, img.arn);
    assert.deepEqual(rows.map((r) => r.resourceId).sort(), img.amis.map((a) => a.image).sort());
    for (const r of rows) {
      assert.equal(r.state?.status, 'SUCCESS', r.state?.reason);
      assert.deepEqual(r.snapshots, [{ snapshotId: snapshots.get(r.resourceId!), state: { status: 'SUCCESS' } }]);
    }
    assert.equal((await errorOf(() => c.send(new GetImageCommand({ imageBuildVersionArn: img.arn })))).name, 'ResourceNotFoundException');
    for (const a of img.amis) {
      const left = (await ec2(a.region).send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!.map((i) => i.ImageId);
      assert.equal(left.includes(a.image), false, `${a.region} ${a.image}`);
      const err = await errorOf(() => ec2(a.region).send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshots.get(a.image)!] })));
      assert.equal(err.name, 'InvalidSnapshot.NotFound');
    }
  });

  it('a return to AVAILABLE removes the DeprecatedBy tag with DeleteTags, leaving the other tags', async () => {
    const img = await distributed();
    // Record-only DEPRECATED (no resources), then the tag as a deprecation would have left it.
    await c.send(new StartResourceStateUpdateCommand({ resourceArn: img.arn, state: { status: 'DEPRECATED' } }));
    for (const a of img.amis)
      await ec2(a.region).send(new CreateTagsCommand({ Resources: [a.image], Tags: [{ Key: 'DeprecatedBy', Value: 'EC2 Image Builder' }] }));
    const { lifecycleExecutionId } = await c.send(
      new StartResourceStateUpdateCommand({
        resourceArn: img.arn,
        state: { status: 'AVAILABLE' },
        executionRole: 'LifecycleRole',
        includeResources: { amis: true },
      }),
    );
    await finished(lifecycleExecutionId!);
    const rows = await amiRows(lifecycleExecutionId!, img.arn);
    for (const a of img.amis) {
      assert.equal(rows.find((r) => r.resourceId === a.image)!.state?.status, 'SUCCESS');
      assert.deepEqual(await tagsInMoto(a.region, a.image), { CreatedBy: 'EC2 Image Builder' });
    }
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: img.arn }))).image!.state?.status, 'AVAILABLE');
  });

  it('moto gap: DEPRECATED and DISABLED with AMIs fail per AMI (no EnableImageDeprecation/DisableImage); the image record still changes', async () => {
    const img = await distributed();
    for (const status of ['DEPRECATED', 'DISABLED'] as const) {
      const { lifecycleExecutionId } = await c.send(
        new StartResourceStateUpdateCommand({ resourceArn: img.arn, state: { status }, executionRole: 'LifecycleRole', includeResources: { amis: true } }),
      );
      assert.equal((await finished(lifecycleExecutionId!)).status, 'FAILED');
      const rows = await amiRows(lifecycleExecutionId!, img.arn);
      for (const a of img.amis) {
        const r = rows.find((x) => x.resourceId === a.image)!;
        assert.equal(r.state?.status, 'FAILED');
        assert.match(r.state!.reason!, /^InternalFailure: /);
      }
      // Nothing was done to the AMIs: no DeprecatedBy tag, still available.
      const west = img.amis.find((a) => a.region === 'us-west-2')!.image;
      assert.equal((await tagsInMoto('us-west-2', west)).DeprecatedBy, undefined);
      assert.equal((await ec2('us-west-2').send(new DescribeImagesCommand({ ImageIds: [west] }))).Images![0]!.State, 'available');
      assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: img.arn }))).image!.state?.status, status);
    }
  });
});
