// The starter world ibex runs without `--world`: one picture of everything distribution touches —
// a management account, an organization with nested OUs and member accounts that carry the
// cross-account role, Amazon's catalog of parents (several versions each, with the public SSM
// parameters naming the newest) in every Region, a launch template,
// an ECR repository, an export bucket with its vmimport role, and short but visible timings.
import { createHash } from 'node:crypto';
import { LIFECYCLE_ROLE, LIFECYCLE_ROLE_PERMISSIONS } from '../cloud/simulated/ec2-lifecycle.js';
import { catalogAmis } from '../domain/amazon-catalog.js';
import { CROSS_ACCOUNT_ROLE, type AccountSpec, type ImageSpec, type SsmParameterSpec, type WorldSpec } from './spec.js';

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

/** The AMI id of the newest Amazon Linux 2023 x86 (Linux) or Windows Server 2022 (Windows) parent in a Region. */
export function starterImageId(region: string, platform: 'Linux' | 'Windows'): string {
  return `ami-${createHash('sha256').update(`${region}:${platform}`).digest('hex').slice(0, 17)}`;
}

/** The catalog image whose newest version starterImageId() names, per platform. */
const STARTER_PARENTS: Record<string, 'Linux' | 'Windows'> = { 'amazon-linux-2023-x86': 'Linux', 'windows-server-2022-english-full-base-x86': 'Windows' };

/** Amazon's AMIs in a Region, one per catalog image and version (src/domain/amazon-catalog.ts). */
export function amazonStarterImages(region: string): ImageSpec[] {
  return catalogAmis().map(({ image, version, amiName, newest }) => {
    const fixed = newest ? STARTER_PARENTS[image.id] : undefined;
    const imageId = fixed ? starterImageId(region, fixed) : `ami-${createHash('sha256').update(`${region}:${image.id}:${version}`).digest('hex').slice(0, 17)}`;
    return { region, imageId, name: amiName, platform: image.platform, ...(image.amiDescription ? { description: image.amiDescription } : {}), public: true };
  });
}

/** The public SSM parameters (`/aws/service/ami-…-latest/…`) of a Region: each names its family's newest AMI. */
export function amazonPublicParameters(region: string, images: ImageSpec[]): SsmParameterSpec[] {
  const byName = new Map(images.map((i) => [i.name, i.imageId]));
  return catalogAmis()
    .filter((a) => a.newest)
    .flatMap((a) => (a.image.ssmParameters ?? []).map((name) => ({ region, name, value: byName.get(a.amiName)!, dataType: 'aws:ec2:image' as const })));
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
  const amazon = S.regions.flatMap(amazonStarterImages);
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
        kmsKeys: [{ region: 'us-east-1', keyId: S.kmsKeyId, allowAccounts: [S.prodAccountId, S.devAccountId], aliases: ['alias/ibex-distribution'] }],
        launchTemplates: [
          {
            region: 'us-east-1',
            launchTemplateId: S.launchTemplateId,
            name: 'web',
            imageId: starterImageId('us-east-1', 'Linux'),
            tags: { CreatedBy: 'EC2 Image Builder' },
          },
        ],
        ecrRepositories: [{ region: 'us-east-1', repositoryName: S.ecrRepository }],
        s3Buckets: [{ region: 'us-east-1', name: S.exportBucket }],
        licenseConfigurations: [
          {
            region: 'us-east-1',
            arn: `arn:aws:license-manager:us-east-1:${S.managementAccountId}:license-configuration:lic-0123456789abcdef0123456789abcdef`,
            name: 'windows-server',
          },
        ],
      },
      member(S.prodAccountId, 'prod', {
        launchTemplates: [
          {
            region: 'us-east-1',
            launchTemplateId: S.prodLaunchTemplateId,
            name: 'web-prod',
            imageId: starterImageId('us-east-1', 'Linux'),
            tags: { CreatedBy: 'EC2 Image Builder' },
          },
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
        images: amazon,
        // Public parameters: readable by every account (the simulated SSM falls back to them).
        ssmParameters: S.regions.flatMap((region) =>
          amazonPublicParameters(
            region,
            amazon.filter((i) => i.region === region),
          ),
        ),
      },
    ],
  };
}
