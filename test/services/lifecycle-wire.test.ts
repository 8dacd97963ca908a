// The lifecycle calls over the wire with the AWS SDK v3 clients: AMI deprecation as DescribeImages
// shows it (DeprecationTime), snapshot deletion (DeleteSnapshot, DeregisterImage with
// DeleteAssociatedSnapshots) and ECR BatchDeleteImage, each rule's error in the service's format.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  EC2Client,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { BatchDeleteImageCommand, DescribeImagesCommand as DescribeEcrImagesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
const cfg = (accountId: string = FX.owner) => ({
  endpoint: srv.url,
  region: FX.region,
  maxAttempts: 1,
  credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
});
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );

before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() })));
after(() => srv?.close());

/** The world's record of an AMI's snapshot, as `GET /_ibex/world` shows it. */
async function snapshotState(imageId: string): Promise<string | undefined> {
  const world = (await (await fetch(`${srv.url}/_ibex/world?accountId=${FX.owner}&region=${FX.region}`)).json()) as {
    images: { imageId: string; snapshot?: { state: string } }[];
  };
  return world.images.find((i) => i.imageId === imageId)?.snapshot?.state;
}

describe('EC2 deprecation over the wire', () => {
  it('shows DeprecationTime (rounded down to the minute) until DisableImageDeprecation', async () => {
    const ec2 = new EC2Client(cfg());
    const id = (await ec2.send(new RegisterImageCommand({ Name: 'deprecating-1' }))).ImageId!;
    await ec2.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date('2030-01-01T00:05:42.123Z') }));
    const shown = (await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!;
    assert.equal(shown.DeprecationTime, '2030-01-01T00:05:00.000Z');
    await ec2.send(new DisableImageDeprecationCommand({ ImageId: id }));
    assert.equal((await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.DeprecationTime, undefined);
    ec2.destroy();
  });
});

describe('EC2 DeleteSnapshot over the wire', () => {
  it('refuses a malformed id, a snapshot in use and another account’s, then deletes it once', async () => {
    const ec2 = new EC2Client(cfg());
    const id = (await ec2.send(new RegisterImageCommand({ Name: 'snapshot-1' }))).ImageId!;
    const snap = (await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!.BlockDeviceMappings![0]!.Ebs!.SnapshotId!;
    const malformed = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: 'snapshot-1' })));
    assert.deepEqual([malformed.name, malformed.$metadata.httpStatusCode], ['InvalidSnapshotID.Malformed', 400]);
    const inUse = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap })));
    assert.deepEqual([inUse.name, inUse.message], ['InvalidSnapshot.InUse', `The snapshot ${snap} is currently in use by ${id}`]);
    await ec2.send(new DeregisterImageCommand({ ImageId: id }));
    const outsider = new EC2Client(cfg(FX.outsider));
    assert.equal((await failure(outsider.send(new DeleteSnapshotCommand({ SnapshotId: snap })))).name, 'InvalidSnapshot.NotFound');
    const dry = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap, DryRun: true })));
    assert.equal(dry.name, 'DryRunOperation');
    assert.equal(await snapshotState(id), 'completed');
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap }));
    assert.equal(await snapshotState(id), 'deleted');
    const again = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap })));
    assert.deepEqual([again.name, again.message, again.$metadata.httpStatusCode], ['InvalidSnapshot.NotFound', `The snapshot '${snap}' does not exist.`, 400]);
    for (const c of [ec2, outsider]) c.destroy();
  });

  it('DeregisterImage with DeleteAssociatedSnapshots deletes the snapshot and reports it; without, keeps it', async () => {
    const ec2 = new EC2Client(cfg());
    const [a, b] = [
      (await ec2.send(new RegisterImageCommand({ Name: 'dereg-with-snap' }))).ImageId!,
      (await ec2.send(new RegisterImageCommand({ Name: 'dereg-keep-snap' }))).ImageId!,
    ];
    const out = await ec2.send(new DeregisterImageCommand({ ImageId: a, DeleteAssociatedSnapshots: true }));
    assert.deepEqual(out.DeleteSnapshotResults, [{ SnapshotId: `snap-${a.slice(4)}`, ReturnCode: 'success' }]);
    assert.equal(await snapshotState(a), 'deleted');
    const kept = await ec2.send(new DeregisterImageCommand({ ImageId: b }));
    assert.equal(kept.DeleteSnapshotResults, undefined);
    assert.equal(await snapshotState(b), 'completed');
    assert.equal((await failure(ec2.send(new DeregisterImageCommand({ ImageId: a, DeleteAssociatedSnapshots: true })))).name, 'InvalidAMIID.NotFound');
    ec2.destroy();
  });
});

describe('ECR BatchDeleteImage over the wire', () => {
  it('deletes by tag and by digest, reports ids that match nothing, and refuses a missing repository', async () => {
    const ecr = new ECRClient(cfg());
    const repositoryName = FX.ecrRepository;
    const imageManifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { digest: `sha256:${'b'.repeat(64)}` },
      layers: [],
    });
    const digest = (await ecr.send(new PutImageCommand({ repositoryName, imageManifest, imageTag: 'one' }))).image!.imageId!.imageDigest!;
    await ecr.send(new PutImageCommand({ repositoryName, imageManifest, imageTag: 'two' }));
    const byTag = await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [{ imageTag: 'one' }, { imageTag: 'never' }, {}] }));
    assert.deepEqual(byTag.imageIds, [{ imageDigest: digest, imageTag: 'one' }]);
    assert.deepEqual(
      byTag.failures!.map((f) => [f.imageId, f.failureCode]),
      [
        [{}, 'MissingDigestAndTag'],
        [{ imageTag: 'never' }, 'ImageNotFound'],
      ],
    );
    assert.deepEqual((await ecr.send(new DescribeEcrImagesCommand({ repositoryName, imageIds: [{ imageDigest: digest }] }))).imageDetails![0]!.imageTags, [
      'two',
    ]);
    const byDigest = await ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [{ imageDigest: digest }] }));
    assert.deepEqual(byDigest.imageIds, [{ imageDigest: digest }]);
    assert.equal(
      (await failure(ecr.send(new DescribeEcrImagesCommand({ repositoryName, imageIds: [{ imageDigest: digest }] })))).name,
      'ImageNotFoundException',
    );
    const missing = await failure(ecr.send(new BatchDeleteImageCommand({ repositoryName: 'no-such-repo', imageIds: [{ imageTag: 'x' }] })));
    assert.deepEqual([missing.name, missing.$metadata.httpStatusCode], ['RepositoryNotFoundException', 400]);
    // AWS's wording, then the Region the world looked in.
    assert.ok(missing.message.startsWith(`The repository with name 'no-such-repo' does not exist in the registry with id '${FX.owner}'`), missing.message);
    const empty = await failure(ecr.send(new BatchDeleteImageCommand({ repositoryName, imageIds: [] })));
    assert.deepEqual([empty.name, empty.$metadata.httpStatusCode], ['ValidationException', 400]);
    ecr.destroy();
  });
});

describe('A lifecycle role made over the wire', () => {
  it('with EC2ImageBuilderLifecycleExecutionPolicy may deprecate, disable, enable and untag AMIs tagged CreatedBy, and nothing else', async () => {
    const role = 'Ec2ImageBuilderCrossAccountLifecycleAccess';
    const iam = new IAMClient(cfg(FX.member));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy' }));
    const { Credentials: c } = await new STSClient(cfg()).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${FX.member}:role/${role}`, RoleSessionName: 'lifecycle' }),
    );
    const asRole = new EC2Client({
      ...cfg(),
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    });
    const member = new EC2Client(cfg(FX.member));
    const tagged = (
      await member.send(
        new RegisterImageCommand({
          Name: 'lc-role-tagged',
          TagSpecifications: [
            {
              ResourceType: 'image',
              Tags: [
                { Key: 'CreatedBy', Value: 'EC2 Image Builder' },
                { Key: 'DeprecatedBy', Value: 'EC2 Image Builder' },
              ],
            },
          ],
        }),
      )
    ).ImageId!;
    const untagged = (await member.send(new RegisterImageCommand({ Name: 'lc-role-untagged' }))).ImageId!;
    await asRole.send(new EnableImageDeprecationCommand({ ImageId: tagged, DeprecateAt: new Date('2031-01-01T00:00:00Z') }));
    await asRole.send(new DisableImageDeprecationCommand({ ImageId: tagged }));
    await asRole.send(new DisableImageCommand({ ImageId: tagged }));
    await asRole.send(new EnableImageCommand({ ImageId: tagged }));
    await asRole.send(new DeleteTagsCommand({ Resources: [tagged], Tags: [{ Key: 'DeprecatedBy' }] }));
    const img = (await member.send(new DescribeImagesCommand({ ImageIds: [tagged] }))).Images![0]!;
    assert.deepEqual([img.State, img.DeprecationTime, img.Tags!.map((t) => t.Key)], ['available', undefined, ['CreatedBy']]);
    const denied = await failure(asRole.send(new DisableImageCommand({ ImageId: untagged })));
    assert.deepEqual([denied.name, denied.$metadata.httpStatusCode], ['UnauthorizedOperation', 403]);
    assert.equal((await member.send(new DescribeImagesCommand({ ImageIds: [untagged] }))).Images![0]!.State, 'available');
    for (const x of [iam, asRole, member]) x.destroy();
  });
});
