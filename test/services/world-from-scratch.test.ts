// The world set up from scratch with the real AWS SDK v3 clients and the AWS CLI on ibex's one
// endpoint — an organization with an OU and two member accounts, roles with the managed policy, a
// KMS key with a policy for one account, a launch template, a bucket, a repository and a
// registered AMI — then Image Builder distributes from that AMI, and each account checks what it
// sees, with the SDK and with the CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import {
  CreateLaunchTemplateCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type DescribeImagesCommandInput,
} from '@aws-sdk/client-ec2';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  ListAccountsForParentCommand,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { cliConfigDir } from '../helpers/aws-cli.js';
import { waitForImage } from '../helpers/images.js';

const MGMT = '100000000001';
const OUTSIDER = '100000000099';
const REGION = 'us-east-1';
const ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

let srv: IbexServer;
const cfg = (accountId: string) => ({ endpoint: srv.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: accountId, secretAccessKey: 'x' } });
let prod: string;
let dev: string;
let sandbox: string;
let ouArn: string;
let sourceAmi: string;
let prodTemplate: string;
let imageArn: string;

/** The AWS CLI as `accountId`, with nothing but AWS_ENDPOINT_URL pointing it at ibex; its JSON output. */
async function aws(accountId: string, args: string[]): Promise<{ code: number; json: unknown; err: string }> {
  const dir = cliConfigDir('ibex-scratch-cli-');
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
    AWS_ACCESS_KEY_ID: accountId,
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_DEFAULT_REGION: REGION,
    AWS_ENDPOINT_URL: srv.url,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_PAGER: '',
  };
  return new Promise((resolve) =>
    execFile('aws', [...args, '--output', 'json'], { env, timeout: 60_000 }, (e, out, err) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, json: out.trim() ? JSON.parse(out) : null, err }),
    ),
  );
}

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: { defaultAccountId: MGMT }, runner: { pollMs: 5 } });

  // Organizations: Workloads OU holding prod; dev stays under the root.
  const org = new OrganizationsClient(cfg(MGMT));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit!;
  ouArn = ou.Arn!;
  prod = (await org.send(new CreateAccountCommand({ AccountName: 'prod', Email: 'prod@example.com' }))).CreateAccountStatus!.AccountId!;
  dev = (await org.send(new CreateAccountCommand({ AccountName: 'dev', Email: 'dev@example.com' }))).CreateAccountStatus!.AccountId!;
  sandbox = (await org.send(new CreateAccountCommand({ AccountName: 'sandbox', Email: 'sandbox@example.com' }))).CreateAccountStatus!.AccountId!;
  await org.send(new MoveAccountCommand({ AccountId: prod, SourceParentId: rootId, DestinationParentId: ou.Id! }));
  assert.deepEqual(
    (await org.send(new ListAccountsForParentCommand({ ParentId: ou.Id! }))).Accounts!.map((a) => a.Id),
    [prod],
  );

  // IAM: the cross-account role in both members, with the managed policy; prod may also write SSM
  // parameters and launch-template versions.
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' }],
  });
  for (const acct of [prod, dev]) {
    const iam = new IAMClient(cfg(acct));
    await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: ROLE, PolicyArn: 'arn:aws:iam::aws:policy/Ec2ImageBuilderCrossAccountDistributionAccess' }));
    if (acct === prod) {
      const perms = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], Resource: '*' }],
      });
      await iam.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'distribution', PolicyDocument: perms }));
    }
    iam.destroy();
  }

  // KMS: a key prod may use.
  const kms = new KMSClient(cfg(MGMT));
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${prod}:root` }, Action: ['kms:DescribeKey', 'kms:CreateGrant', 'kms:Decrypt'], Resource: '*' },
    ],
  });
  const key = (await kms.send(new CreateKeyCommand({ Policy: policy }))).KeyMetadata!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/distribution', TargetKeyId: key.KeyId! }));

  // EC2, S3, ECR.
  const prodEc2 = new EC2Client(cfg(prod));
  prodTemplate = (
    await prodEc2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { InstanceType: 't3.micro' },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'CreatedBy', Value: 'EC2 Image Builder' }] }],
      }),
    )
  ).LaunchTemplate!.LaunchTemplateId!;
  const s3 = new S3Client({ ...cfg(MGMT), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: `exports-${MGMT}` }));
  const ecr = new ECRClient(cfg(MGMT));
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
  assert.equal((await ecr.send(new DescribeRepositoriesCommand({}))).repositories![0]!.repositoryUri, `${MGMT}.dkr.ecr.${REGION}.amazonaws.com/team/app`);
  // The source AMI is registered with the AWS CLI.
  const registered = await aws(MGMT, ['ec2', 'register-image', '--name', 'golden-base']);
  assert.equal(registered.code, 0, registered.err);
  sourceAmi = (registered.json as { ImageId: string }).ImageId;
  assert.match(sourceAmi, /^ami-[0-9a-f]{17}$/);

  // Image Builder distributes that AMI: copies into both members, a share with the OU, prod's
  // launch template and parameter.
  const ib = new ImagebuilderClient(cfg(MGMT));
  const { distributionConfigurationArn } = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: 'scratch',
      distributions: [
        {
          region: REGION,
          amiDistributionConfiguration: {
            name: 'golden {{ imagebuilder:buildDate }}',
            targetAccountIds: [prod, dev],
            launchPermission: { organizationalUnitArns: [ouArn] },
          },
          launchTemplateConfigurations: [{ launchTemplateId: prodTemplate, accountId: prod, setDefaultVersion: true }],
          ssmParameterConfigurations: [{ amiAccountId: prod, parameterName: '/golden/ami', dataType: 'aws:ec2:image' }],
        },
      ],
    }),
  );
  imageArn = (
    await ib.send(
      new DistributeImageCommand({ sourceImage: sourceAmi, distributionConfigurationArn, executionRole: 'ImageBuilderRole', clientToken: 'scratch-1' }),
    )
  ).imageBuildVersionArn!;
  const image = await waitForImage(ib, imageArn);
  assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
  for (const c of [org, kms, prodEc2, s3, ecr, ib]) c.destroy();
});
after(() => srv?.close());

const describeImages = async (accountId: string, input: DescribeImagesCommandInput) => {
  const ec2 = new EC2Client(cfg(accountId));
  try {
    return (await ec2.send(new DescribeImagesCommand(input))).Images ?? [];
  } finally {
    ec2.destroy();
  }
};

describe('a world set up from scratch with AWS clients', () => {
  it('gives each target account exactly its own copy of the distributed AMI', async () => {
    for (const acct of [prod, dev]) {
      const own = await describeImages(acct, { Owners: ['self'] });
      assert.equal(own.length, 1, `account ${acct} owns ${own.length} AMIs`);
      assert.match(own[0]!.Name!, /^golden \d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}/);
      assert.equal(own[0]!.OwnerId, acct);
      assert.equal(own[0]!.State, 'available');
      assert.equal(own[0]!.SourceImageRegion, REGION);
    }
  });

  it('shows the OU share to the OU member only, and nothing to an account that was not shared', async () => {
    const mgmtAmi = (await describeImages(MGMT, { Owners: ['self'] })).find((i) => i.ImageId !== sourceAmi)!;
    const prodShared = await describeImages(prod, { ExecutableUsers: ['self'] });
    assert.deepEqual(
      prodShared.map((i) => i.ImageId),
      [mgmtAmi.ImageId],
    );
    // Tags are per account: the consumer sees the AMI but not the owner's tags.
    assert.equal(prodShared[0]!.Tags, undefined);
    // sandbox is in the organization but not in the OU, and no target: it sees nothing shared.
    assert.deepEqual(await describeImages(sandbox, { ExecutableUsers: ['self'] }), []);
    assert.deepEqual(await describeImages(sandbox, { ImageIds: [] }).then((l) => l.filter((i) => i.OwnerId === MGMT)), []);
    assert.deepEqual(await describeImages(OUTSIDER, { Owners: [MGMT] }), []);
    const ec2 = new EC2Client(cfg(OUTSIDER));
    const err = await ec2.send(new DescribeImagesCommand({ ImageIds: [mgmtAmi.ImageId!] })).then(
      () => null,
      (e: Error & { $metadata: { httpStatusCode: number } }) => e,
    );
    ec2.destroy();
    assert.equal(err?.name, 'InvalidAMIID.NotFound');
    assert.equal(err?.message, `The image id '[${mgmtAmi.ImageId}]' does not exist`);
    assert.equal(err?.$metadata.httpStatusCode, 400);
  });

  it("writes prod's parameter with prod's copy, and its launch-template version with the distributed AMI", async () => {
    const [copy] = await describeImages(prod, { Owners: ['self'] });
    const ssm = new SSMClient(cfg(prod));
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/golden/ami' }));
    ssm.destroy();
    assert.equal(Parameter?.Value, copy!.ImageId);
    assert.equal(Parameter?.DataType, 'aws:ec2:image');
    const ec2 = new EC2Client(cfg(prod));
    const { LaunchTemplateVersions } = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: prodTemplate, Versions: ['$Default'] }));
    ec2.destroy();
    assert.equal(LaunchTemplateVersions?.[0]?.VersionNumber, 2);
    // ibex's engine points a target account's template at the owner's distributed AMI (shared with it).
    assert.equal(LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId, copy!.SourceImageId);
    assert.equal(LaunchTemplateVersions?.[0]?.DefaultVersion, true);
  });

  it('shows the same to the AWS CLI: describe-images, get-parameter, describe-launch-template-versions per account', async () => {
    const [prodOwn, devOwn, prodParam, prodVersions, sandboxShared, outsiderById] = await Promise.all([
      aws(prod, ['ec2', 'describe-images', '--owners', 'self']),
      aws(dev, ['ec2', 'describe-images', '--owners', 'self']),
      aws(prod, ['ssm', 'get-parameter', '--name', '/golden/ami']),
      aws(prod, ['ec2', 'describe-launch-template-versions', '--launch-template-id', prodTemplate, '--versions', '$Default']),
      aws(sandbox, ['ec2', 'describe-images', '--executable-users', 'self']),
      aws(OUTSIDER, ['ec2', 'describe-images', '--image-ids', sourceAmi]),
    ]);
    for (const r of [prodOwn, devOwn, prodParam, prodVersions, sandboxShared]) assert.equal(r.code, 0, r.err);
    const images = (r: { json: unknown }) => (r.json as { Images: { ImageId: string; OwnerId: string; SourceImageId?: string }[] }).Images;
    const [prodCopy] = images(prodOwn);
    assert.deepEqual([images(prodOwn).length, prodCopy!.OwnerId], [1, prod]);
    assert.deepEqual(
      images(devOwn).map((i) => i.OwnerId),
      [dev],
    );
    const { Parameter } = prodParam.json as { Parameter: { Value: string; DataType: string } };
    assert.deepEqual([Parameter.Value, Parameter.DataType], [prodCopy!.ImageId, 'aws:ec2:image']);
    const [v] = (prodVersions.json as { LaunchTemplateVersions: { VersionNumber: number; LaunchTemplateData: { ImageId: string } }[] }).LaunchTemplateVersions;
    assert.deepEqual([v!.VersionNumber, v!.LaunchTemplateData.ImageId], [2, prodCopy!.SourceImageId]);
    assert.deepEqual(images(sandboxShared), []);
    assert.notEqual(outsiderById.code, 0);
    assert.match(outsiderById.err, /\(InvalidAMIID\.NotFound\) when calling the DescribeImages operation/);
  });

  it("keeps the roles' trust policy as IAM returns it, URL-encoded", async () => {
    const iam = new IAMClient(cfg(dev));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: ROLE }));
    iam.destroy();
    assert.equal(Role?.Arn, `arn:aws:iam::${dev}:role/${ROLE}`);
    assert.deepEqual(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Principal, { AWS: `arn:aws:iam::${MGMT}:root` });
  });

  it('lists an empty export bucket', async () => {
    const s3 = new S3Client({ ...cfg(MGMT), forcePathStyle: true });
    const out = await s3.send(new ListObjectsV2Command({ Bucket: `exports-${MGMT}` }));
    s3.destroy();
    assert.equal(out.KeyCount, 0);
    assert.equal(out.Name, `exports-${MGMT}`);
  });
});
