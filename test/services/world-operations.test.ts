// Behaviour of the world's operations over the wire, per service: paging, listings, deletes and
// the rules that make a request fail without changing anything.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CopyImageCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeTagsCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import { BatchGetImageCommand, DeleteRepositoryCommand, ECRClient, ListImagesCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import { KMSClient, PutKeyPolicyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { CreateLicenseConfigurationCommand, LicenseManagerClient, ListLicenseConfigurationsCommand } from '@aws-sdk/client-license-manager';
import { CreateOrganizationalUnitCommand, ListParentsCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
const cfg = (accountId: string = FX.owner, region = 'us-east-1') => ({
  endpoint: srv.url,
  region,
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

describe('EC2', () => {
  it('pages DescribeImages with MaxResults and NextToken, each image once', async () => {
    const ec2 = new EC2Client(cfg());
    for (let i = 0; i < 7; i++) await ec2.send(new RegisterImageCommand({ Name: `page-${i}` }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await ec2.send(
        new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['page-*'] }], MaxResults: 5, ...(token ? { NextToken: token } : {}) }),
      );
      seen.push(...out.Images!.map((i) => i.Name!));
      token = out.NextToken;
    } while (token);
    assert.deepEqual(seen.sort(), ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    const err = await failure(ec2.send(new DescribeImagesCommand({ MaxResults: 2 })));
    assert.equal(err.name, 'InvalidParameterValue');
    ec2.destroy();
  });

  it('finds AMIs by exact name across owners (the name index), only those the caller may see', async () => {
    const { ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    const owner = new EC2Client(cfg());
    const outsider = new EC2Client(cfg(FX.outsider));
    const member = new EC2Client(cfg(FX.member));
    const shared = (await owner.send(new RegisterImageCommand({ Name: 'same-name-x' }))).ImageId!;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: shared, LaunchPermission: { Add: [{ UserId: FX.member }] } }));
    const own = (await outsider.send(new RegisterImageCommand({ Name: 'same-name-x' }))).ImageId!;
    const byName = async (c: EC2Client, values: string[]) =>
      (await c.send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: values }] }))).Images!.map((i) => i.ImageId).sort();
    assert.deepEqual(await byName(member, ['same-name-x']), [shared]);
    assert.deepEqual(await byName(outsider, ['same-name-x']), [own]);
    assert.deepEqual(await byName(owner, ['same-name-x', 'no-such-name']), [shared]);
    assert.deepEqual(await byName(member, ['same-name-?']), [shared]);
    // ExecutableUsers=self: explicit shares only — not the public AMIs the member can also see.
    const { ModifyImageAttributeCommand: Modify } = await import('@aws-sdk/client-ec2');
    await owner.send(new Modify({ ImageId: FX.linuxImageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const mine = (await member.send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }))).Images!.map((i) => i.ImageId);
    assert.equal(mine.includes(shared), true);
    assert.equal(mine.includes(FX.linuxImageId), false);
    assert.equal(
      (await member.send(new DescribeImagesCommand({ ExecutableUsers: ['all'] }))).Images!.some((i) => i.ImageId === FX.linuxImageId),
      true,
    );
    await owner.send(new Modify({ ImageId: FX.linuxImageId, LaunchPermission: { Remove: [{ Group: 'all' }] } }));
    const bogus = await failure(
      member.send(
        new DescribeImagesCommand({
          Filters: [
            { Name: 'name', Values: ['no-such-name'] },
            { Name: 'bogus', Values: ['1'] },
          ],
        }),
      ),
    );
    assert.equal(bogus.name, 'InvalidParameterValue');
    for (const c of [owner, outsider, member]) c.destroy();
  });

  it('ExecutableUsers: self counts organization and OU shares, another account’s id only shares naming it', async () => {
    const { ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    const owner = new EC2Client(cfg());
    const member = new EC2Client(cfg(FX.member));
    const byOu = (await owner.send(new RegisterImageCommand({ Name: 'exec-by-ou' }))).ImageId!;
    const byId = (await owner.send(new RegisterImageCommand({ Name: 'exec-by-id' }))).ImageId!;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: byOu, LaunchPermission: { Add: [{ OrganizationalUnitArn: FX.ouArn }] } }));
    await owner.send(new ModifyImageAttributeCommand({ ImageId: byId, LaunchPermission: { Add: [{ UserId: FX.member }] } }));
    const ids = async (c: EC2Client, users: string[]) =>
      (await c.send(new DescribeImagesCommand({ ExecutableUsers: users, Filters: [{ Name: 'name', Values: ['exec-by-*'] }] })))
        .Images!.map((i) => i.ImageId)
        .sort();
    assert.deepEqual(await ids(member, ['self']), [byId, byOu].sort());
    assert.deepEqual(await ids(member, [FX.member]), [byId, byOu].sort());
    assert.deepEqual(await ids(owner, [FX.member]), [byId]);
    assert.deepEqual(await ids(owner, ['self']), []);
    for (const c of [owner, member]) c.destroy();
  });

  it('tags, describes and deletes tags', async () => {
    const ec2 = new EC2Client(cfg());
    await ec2.send(
      new CreateTagsCommand({
        Resources: [FX.linuxImageId],
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'team', Value: 'a' },
        ],
      }),
    );
    const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [FX.linuxImageId] }] }));
    assert.deepEqual(
      tags.Tags!.map((t) => [t.Key, t.Value, t.ResourceType]),
      [
        ['env', 'prod', 'image'],
        ['team', 'a', 'image'],
      ],
    );
    await ec2.send(new DeleteTagsCommand({ Resources: [FX.linuxImageId], Tags: [{ Key: 'env', Value: 'other' }, { Key: 'team' }] }));
    const left = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [FX.linuxImageId] }] }));
    assert.deepEqual(
      left.Tags!.map((t) => t.Key),
      ['env'],
    );
    assert.equal((await failure(ec2.send(new DeleteTagsCommand({ Resources: ['ami-0000000000000beef'] })))).name, 'InvalidAMIID.NotFound');
    ec2.destroy();
  });

  it('lists Regions with the account’s opt-in status; a disabled one only with AllRegions', async () => {
    const ec2 = new EC2Client(cfg(FX.member));
    const enabled = (await ec2.send(new DescribeRegionsCommand({}))).Regions!.map((r) => r.RegionName);
    assert.equal(enabled.includes('ap-east-1'), false);
    const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions!;
    assert.equal(all.find((r) => r.RegionName === 'ap-east-1')?.OptInStatus, 'not-opted-in');
    ec2.destroy();
  });

  it('lets a member copy the encrypted AMI only while the key policy allows it (PutKeyPolicy)', async () => {
    const ec2 = new EC2Client(cfg());
    const { ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: FX.encryptedImageId, LaunchPermission: { Add: [{ UserId: FX.limitedMember }] } }));
    ec2.destroy();
    const member = new EC2Client(cfg(FX.limitedMember));
    const copy = () =>
      member.send(
        new CopyImageCommand({ Name: `enc-${Math.random().toString(16).slice(2, 8)}`, SourceImageId: FX.encryptedImageId, SourceRegion: 'us-east-1' }),
      );
    assert.equal((await failure(copy())).name, 'AccessDeniedException');
    const kms = new KMSClient(cfg());
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.limitedMember}:root` }, Action: 'kms:DescribeKey', Resource: '*' },
      ],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: FX.kmsKeyId, Policy: JSON.stringify(policy) }));
    assert.match((await copy()).ImageId!, /^ami-[0-9a-f]{17}$/);
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName);
    assert.deepEqual(aliases, ['alias/aws/ebs', 'alias/distribution']);
    kms.destroy();
    member.destroy();
  });
});

describe('EC2 lifecycle', () => {
  it('disables an AMI (hidden unless IncludeDisabled, shares gone) and enables it again', async () => {
    const ec2 = new EC2Client(cfg());
    const { ImageId } = await ec2.send(new RegisterImageCommand({ Name: 'to-disable' }));
    const { ModifyImageAttributeCommand, DisableImageCommand, EnableImageCommand, EnableImageDeprecationCommand, DescribeImageAttributeCommand } =
      await import('@aws-sdk/client-ec2');
    await ec2.send(new ModifyImageAttributeCommand({ ImageId, LaunchPermission: { Add: [{ UserId: FX.member }] } }));
    assert.equal((await ec2.send(new DisableImageCommand({ ImageId }))).Return, true);
    assert.deepEqual((await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['to-disable'] }] }))).Images, []);
    const shown = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true, Filters: [{ Name: 'name', Values: ['to-disable'] }] }));
    assert.equal(shown.Images![0]!.State, 'disabled');
    await ec2.send(new EnableImageCommand({ ImageId }));
    assert.deepEqual((await ec2.send(new DescribeImageAttributeCommand({ ImageId, Attribute: 'launchPermission' }))).LaunchPermissions, []);
    assert.equal((await ec2.send(new EnableImageDeprecationCommand({ ImageId, DeprecateAt: new Date(Date.now() + 3600_000) }))).Return, true);
    ec2.destroy();
  });
});

describe('SSM', () => {
  it('lists by path (one level or recursive), describes, keeps the version, and deletes', async () => {
    const ssm = new SSMClient(cfg());
    for (const n of ['/app/a', '/app/b', '/app/deep/c']) await ssm.send(new PutParameterCommand({ Name: n, Value: n, Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/app/a', Value: 'second', Type: 'String', Overwrite: true }));
    const one = await ssm.send(new GetParametersByPathCommand({ Path: '/app' }));
    assert.deepEqual(
      one.Parameters!.map((p) => p.Name),
      ['/app/a', '/app/b'],
    );
    const all = await ssm.send(new GetParametersByPathCommand({ Path: '/app', Recursive: true }));
    assert.deepEqual(
      all.Parameters!.map((p) => p.Name),
      ['/app/a', '/app/b', '/app/deep/c'],
    );
    const desc = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/app/d'] }] }));
    assert.deepEqual(
      desc.Parameters!.map((p) => p.Name),
      ['/app/deep/c'],
    );
    const hist = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/a' }));
    assert.deepEqual(
      hist.Parameters!.map((p) => [p.Version, p.Value]),
      [
        [1, '/app/a'],
        [2, 'second'],
      ],
    );
    assert.equal((await failure(ssm.send(new PutParameterCommand({ Name: '/app/b', Value: 'x', Type: 'String' })))).name, 'ParameterAlreadyExists');
    await ssm.send(new DeleteParameterCommand({ Name: '/app/b' }));
    assert.equal((await failure(ssm.send(new DeleteParameterCommand({ Name: '/app/b' })))).name, 'ParameterNotFound');
    ssm.destroy();
  });
});

describe('S3', () => {
  it('refuses a taken or owned name and a non-empty bucket, then deletes', async () => {
    const s3 = new S3Client({ ...cfg(FX.member, 'eu-west-1'), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'member-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    assert.equal(
      (await failure(s3.send(new CreateBucketCommand({ Bucket: 'member-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })))).name,
      'BucketAlreadyOwnedByYou',
    );
    assert.equal(
      (await failure(s3.send(new CreateBucketCommand({ Bucket: FX.exportBucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })))).name,
      'BucketAlreadyExists',
    );
    assert.equal(
      (await failure(s3.send(new CreateBucketCommand({ Bucket: 'member-elsewhere', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })))).name,
      'IllegalLocationConstraintException',
    );
    assert.equal(
      (await failure(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })))).name,
      'InvalidBucketName',
    );
    await s3.send(new PutObjectCommand({ Bucket: 'member-eu', Key: 'k', Body: 'v' }));
    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'member-eu' })));
    assert.equal(notEmpty.name, 'BucketNotEmpty');
    assert.equal(notEmpty.$metadata.httpStatusCode, 409);
    await s3.send(new DeleteObjectCommand({ Bucket: 'member-eu', Key: 'k' }));
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: 'member-eu' }))).KeyCount, 0);
    await s3.send(new DeleteBucketCommand({ Bucket: 'member-eu' }));
    assert.deepEqual((await s3.send(new ListBucketsCommand({}))).Buckets ?? [], []);
    s3.destroy();
  });
});

describe('ECR', () => {
  it('pushes, lists per tag, gets manifests (missing ones as failures) and deletes only with force', async () => {
    const ecr = new ECRClient(cfg());
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [] });
    const { image } = await ecr.send(new PutImageCommand({ repositoryName: 'app', imageManifest: manifest, imageTag: 'v1' }));
    const ids = await ecr.send(new ListImagesCommand({ repositoryName: 'app' }));
    assert.deepEqual(ids.imageIds, [{ imageDigest: image!.imageId!.imageDigest, imageTag: 'v1' }]);
    const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }] }));
    assert.equal(got.images![0]!.imageManifest, manifest);
    assert.deepEqual(
      got.failures!.map((f) => f.failureCode),
      ['ImageNotFound'],
    );
    assert.equal((await failure(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'app' })))).name, 'RepositoryNotEmptyException');
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'app', force: true }));
    assert.equal((await failure(ecr.send(new ListImagesCommand({ repositoryName: 'app' })))).name, 'RepositoryNotFoundException');
    ecr.destroy();
  });
});

describe('Organizations and License Manager', () => {
  it('walks the tree, refuses a duplicate OU, and keeps license configurations per account', async () => {
    const org = new OrganizationsClient(cfg());
    const parents = await org.send(new ListParentsCommand({ ChildId: FX.member }));
    assert.deepEqual(parents.Parents, [{ Id: 'ou-a1b2-22222222', Type: 'ORGANIZATIONAL_UNIT' }]);
    const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    assert.equal(
      (await failure(org.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' })))).name,
      'DuplicateOrganizationalUnitException',
    );
    assert.equal((await failure(new OrganizationsClient(cfg(FX.member)).send(new ListRootsCommand({})))).name, 'AccessDeniedException');
    org.destroy();
    const lm = new LicenseManagerClient(cfg(FX.member));
    const { LicenseConfigurationArn } = await lm.send(new CreateLicenseConfigurationCommand({ Name: 'win', LicenseCountingType: 'vCPU', LicenseCount: 8 }));
    assert.match(LicenseConfigurationArn!, new RegExp(`^arn:aws:license-manager:us-east-1:${FX.member}:license-configuration:lic-[0-9a-f]{32}$`));
    const list = await lm.send(new ListLicenseConfigurationsCommand({}));
    assert.deepEqual(
      list.LicenseConfigurations!.map((l) => [l.Name, l.LicenseCount]),
      [['win', 8]],
    );
    lm.destroy();
  });
});
