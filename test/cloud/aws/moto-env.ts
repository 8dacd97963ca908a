// The contract environment backed by moto through the AWS adapter: every environment is a fresh
// set of accounts (owner, two org members, an outsider) seeded with the fixture using the AWS
// SDK against moto, so environments never see each other and moto is never reset.
import { randomBytes } from 'node:crypto';
import { CreateLaunchTemplateCommand, EC2Client, RegisterImageCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createAwsCloud, type AwsCloud } from '../../../src/cloud/aws/index.js';
import type { ContractEnv, ContractFixture, ContractGap } from '../contract/env.js';
import { freshAccountId, MOTO_BASE_CREDENTIALS, motoAccountCredentials } from './moto.js';

const REGION = 'us-east-1';
const OTHER_REGION = 'eu-west-1';

/**
 * What moto 5.2.1 does differently from AWS, as the contract names it. Each is asserted (moto's
 * actual behaviour) by the contract and listed in docs/known-differences.md.
 */
export const MOTO_GAPS: ReadonlySet<ContractGap> = new Set<ContractGap>([
  'amiNameRules',
  'amiPlatform',
  'copyImageDetails',
  'copyImageClientToken',
  'crossAccountImages',
  'amiLaunchPermissionTargets',
  'imageBlockPublicAccess',
  'optInRegions',
  'roleTrust',
  'rolePermissions',
  'kmsKeyRules',
  'exportImage',
  'fastLaunch',
  'ssmImageValidation',
  'organizationsAccess',
  'licenseManager',
  'ecrMissingRepository',
  'dryRunChecks',
  'amiLifecycle',
]);

/** A moto environment, with the adapter to destroy. */
export interface MotoEnv extends ContractEnv {
  cloud: AwsCloud;
}

/** Seeds a fresh fixture in moto at `url` and returns the adapter over it. */
export async function motoEnv(url: string): Promise<MotoEnv> {
  const creds = motoAccountCredentials(url);
  const owner = freshAccountId();
  const outsider = freshAccountId();
  const cfg = (accountId: string, region = REGION) => ({ endpoint: url, region, maxAttempts: 1, credentials: () => creds(accountId) });

  // Organization: Workloads (limited member) ⊃ Prod (member).
  const org = new OrganizationsClient(cfg(owner));
  const { Organization } = await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const workloads = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit!;
  const prod = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: workloads.Id!, Name: 'Prod' }))).OrganizationalUnit!;
  const account = async (name: string, parentId: string) => {
    const id = (await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}-${owner}@example.com` }))).CreateAccountStatus!.AccountId!;
    await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: parentId }));
    return id;
  };
  const member = await account('prod', prod.Id!);
  const limited = await account('staging', workloads.Id!);
  org.destroy();

  const kms = new KMSClient(cfg(owner));
  const keyPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${owner}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${member}:root` },
        Action: ['kms:DescribeKey', 'kms:CreateGrant', 'kms:Decrypt', 'kms:ReEncrypt*'],
        Resource: '*',
      },
    ],
  });
  const key = (await kms.send(new CreateKeyCommand({ Policy: keyPolicy }))).KeyMetadata!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/distribution', TargetKeyId: key.KeyId! }));
  const privateKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  kms.destroy();

  const ec2 = new EC2Client(cfg(owner));
  const register = async (c: EC2Client, name: string) => (await c.send(new RegisterImageCommand({ Name: name }))).ImageId!;
  const linux = await register(ec2, 'base-linux');
  const windows = await register(ec2, 'base-windows');
  const encrypted = await register(ec2, 'base-encrypted');
  const privateEncrypted = await register(ec2, 'base-private');
  const buildInstance = (await ec2.send(new RunInstancesCommand({ ImageId: linux, MinCount: 1, MaxCount: 1 }))).Instances![0]!.InstanceId!;
  const euEc2 = new EC2Client(cfg(owner, OTHER_REGION));
  const blockedImage = await register(euEc2, 'base-eu');
  euEc2.destroy();
  const template = async (accountId: string) => {
    const c = accountId === owner ? ec2 : new EC2Client(cfg(accountId));
    const out = await c.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web',
        LaunchTemplateData: { ImageId: linux },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'CreatedBy', Value: 'EC2 Image Builder' }] }],
      }),
    );
    if (c !== ec2) c.destroy();
    return out.LaunchTemplate!.LaunchTemplateId!;
  };
  const launchTemplateId = await template(owner);
  const memberLaunchTemplateId = await template(member);
  const limitedMemberLaunchTemplateId = await template(limited);
  ec2.destroy();

  const ecr = new ECRClient(cfg(owner));
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  ecr.destroy();
  // Bucket names are global: one per environment.
  const exportBucket = `vm-exports-${owner}`;
  const s3 = new S3Client({ ...cfg(owner), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: exportBucket }));
  s3.destroy();

  const orgId = Organization!.Id!;
  const fx: ContractFixture = {
    region: REGION,
    otherRegion: OTHER_REGION,
    owner,
    member,
    limitedMember: limited,
    outsider,
    orgArn: Organization!.Arn!,
    ouArn: `arn:aws:organizations::${owner}:ou/${orgId}/${prod.Id}`,
    parentOuArn: `arn:aws:organizations::${owner}:ou/${orgId}/${workloads.Id}`,
    linuxImageId: linux,
    buildInstanceId: buildInstance,
    windowsImageId: windows,
    encryptedImageId: encrypted,
    privateEncryptedImageId: privateEncrypted,
    kmsKeyId: key.KeyId!,
    kmsKeyArn: key.Arn!,
    privateKeyArn: privateKey.Arn!,
    launchTemplateId,
    memberLaunchTemplateId,
    limitedMemberLaunchTemplateId,
    ecrRepository: 'app',
    exportBucket,
    // moto has no License Manager: the ARN names nothing (gap `licenseManager`).
    licenseConfigurationArn: `arn:aws:license-manager:${REGION}:${owner}:license-configuration:lic-0123456789abcdef0123456789abcdef`,
    blocked: { accountId: owner, region: OTHER_REGION, imageId: blockedImage },
    disabled: { accountId: member, region: 'ap-east-1' },
  };
  const cloud = createAwsCloud({ endpoint: url, region: REGION, credentials: MOTO_BASE_CREDENTIALS, accountCredentials: creds, maxAttempts: 1 });
  return {
    ports: cloud,
    cloud,
    fx,
    gaps: MOTO_GAPS,
    // moto finishes copies at once; real waiting is never needed.
    elapse: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 10))),
    async waitAvailable(scope, imageId) {
      for (let i = 0; i < 100; i++) {
        const { images } = await cloud.ec2.describeImages(scope, { imageIds: [imageId] });
        if (images[0]?.state === 'available') return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${imageId} never became available`);
    },
    unique: (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`,
    close: () => cloud.destroy(),
  };
}
