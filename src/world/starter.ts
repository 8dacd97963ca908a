// The starter world ibex runs without `--world`: one picture of everything distribution touches —
// a management account, an organization with nested OUs and member accounts that carry the
// cross-account role, Amazon-managed Linux and Windows parents in every Region, a launch template,
// an ECR repository, an export bucket with its vmimport role, and short but visible timings.
import { createHash } from 'node:crypto';
import { LIFECYCLE_ROLE, LIFECYCLE_ROLE_PERMISSIONS } from '../cloud/simulated/ec2-lifecycle.js';
import { CROSS_ACCOUNT_ROLE, type AccountSpec, type WorldSpec } from './spec.js';

/** Well-known ids of the starter world, for docs, tests and the console. */
export const STARTER = {
  managementAccountId: '123456789012',
  prodAccountId: '111122223333',
  devAccountId: '444455556666',
  sandboxAccountId: '777788889999',
  partnerAccountId: '210987654321',
  amazonAccountId: '137112412989',
  organizationId: 'o-ibexstarter1',
  workloadsOuId: 'ou-ibex-workloads',
  prodOuId: 'ou-ibex-prod0001',
  devOuId: 'ou-ibex-dev00001',
  sandboxOuId: 'ou-ibex-sandbox1',
  launchTemplateId: 'lt-0ibexstarter00001',
  prodLaunchTemplateId: 'lt-0ibexstarter00002',
  kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  exportBucket: 'ibex-vm-exports-123456789012',
  ecrRepository: 'app',
  regions: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-east-1'],
} as const;

/** A deterministic AMI id for an Amazon-managed parent image. */
export function starterImageId(region: string, platform: 'Linux' | 'Windows'): string {
  return `ami-${createHash('sha256').update(`${region}:${platform}`).digest('hex').slice(0, 17)}`;
}

const memberRole = {
  name: CROSS_ACCOUNT_ROLE,
  trustedAccounts: [STARTER.managementAccountId],
  permissions: ['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
};

/** Lets lifecycle policies of the management account act on the copies in member accounts. */
const lifecycleRole = { name: LIFECYCLE_ROLE, trustedAccounts: [STARTER.managementAccountId], permissions: LIFECYCLE_ROLE_PERMISSIONS };

/** The starter world as a world document (it passes the same validation as a file). */
export function starterWorld(): WorldSpec {
  const S = STARTER;
  const member = (id: string, name: string, extra: Partial<AccountSpec> = {}): AccountSpec => ({ id, name, roles: [memberRole, lifecycleRole], ...extra });
  return {
    defaultAccountId: S.managementAccountId,
    regions: [...S.regions],
    timings: { copyImageMs: 4000, buildMs: 8000, testMs: 3000, exportImageMs: 6000, pushContainerMs: 2000, fastLaunchMs: 3000 },
    organizations: [
      {
        id: S.organizationId,
        managementAccountId: S.managementAccountId,
        units: [
          {
            id: S.workloadsOuId,
            name: 'Workloads',
            accounts: [],
            units: [
              { id: S.prodOuId, name: 'Prod', accounts: [S.prodAccountId], units: [] },
              { id: S.devOuId, name: 'Dev', accounts: [S.devAccountId], units: [] },
            ],
          },
          { id: S.sandboxOuId, name: 'Sandbox', accounts: [S.sandboxAccountId], units: [] },
        ],
      },
    ],
    accounts: [
      {
        id: S.managementAccountId,
        name: 'management',
        roles: [{ name: 'vmimport', trustedServices: ['vmie.amazonaws.com'], permissions: ['s3:PutObject', 's3:GetBucketLocation', 'ec2:ExportImage'] }],
        kmsKeys: [
          { region: 'us-east-1', keyId: S.kmsKeyId, allowAccounts: [S.prodAccountId, S.devAccountId], aliases: ['alias/ibex-distribution'] },
        ],
        launchTemplates: [
          { region: 'us-east-1', launchTemplateId: S.launchTemplateId, name: 'web', imageId: starterImageId('us-east-1', 'Linux'), tags: { CreatedBy: 'EC2 Image Builder' } },
        ],
        ecrRepositories: [{ region: 'us-east-1', repositoryName: S.ecrRepository }],
        s3Buckets: [{ region: 'us-east-1', name: S.exportBucket }],
        licenseConfigurations: [
          { region: 'us-east-1', arn: `arn:aws:license-manager:us-east-1:${S.managementAccountId}:license-configuration:lic-0123456789abcdef0123456789abcdef`, name: 'windows-server' },
        ],
      },
      member(S.prodAccountId, 'prod', {
        launchTemplates: [
          { region: 'us-east-1', launchTemplateId: S.prodLaunchTemplateId, name: 'web-prod', imageId: starterImageId('us-east-1', 'Linux'), tags: { CreatedBy: 'EC2 Image Builder' } },
        ],
      }),
      // ap-east-1 is an opt-in Region this account never enabled.
      member(S.devAccountId, 'dev', { disabledRegions: ['ap-east-1'] }),
      // Block public access for AMIs is on everywhere here, as for new AWS accounts.
      member(S.sandboxAccountId, 'sandbox', { imageBlockPublicAccess: [...S.regions] }),
      // Outside the organization and without the cross-account role: distribution there fails.
      { id: S.partnerAccountId, name: 'partner' },
      {
        id: S.amazonAccountId,
        name: 'amazon',
        amazonManaged: true,
        images: S.regions.flatMap((region) => [
          { region, imageId: starterImageId(region, 'Linux'), name: 'al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64', platform: 'Linux' as const, description: 'Amazon Linux 2023 AMI', public: true },
          { region, imageId: starterImageId(region, 'Windows'), name: 'Windows_Server-2022-English-Full-Base-2025.01.15', platform: 'Windows' as const, description: 'Microsoft Windows Server 2022 Full Locale English AMI', public: true },
        ]),
      },
    ],
  };
}
