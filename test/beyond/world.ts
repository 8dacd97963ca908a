// The world of the beyond-AWS tests: a management account that owns a Linux AMI, a launch template
// and an export bucket in two Regions, and an organization whose OU Apps holds one account directly
// and two in the nested OU Team; OU Other holds a fourth account. Every member trusts the owner
// through the cross-account role (with SSM and launch-template permissions) and has a template.
import type { WorldSpec } from '../../src/world/index.js';

export const OWNER = '123456789012';
export const A1 = '111111111111';
export const A2 = '222222222222';
export const A3 = '333333333333';
export const A4 = '444444444444';
export const ORG = 'o-beyondorg01';
export const APPS = `arn:aws:organizations::${OWNER}:ou/${ORG}/ou-beyo-apps0001`;
export const TEAM = `arn:aws:organizations::${OWNER}:ou/${ORG}/ou-beyo-team0001`;
export const OTHER = `arn:aws:organizations::${OWNER}:ou/${ORG}/ou-beyo-othr0001`;
export const SOURCE_AMI = 'ami-0bee0000000000001';
export const OWNER_LT = { 'us-east-1': 'lt-0beyondowner00001', 'us-west-2': 'lt-0beyondowner00002' } as const;
export const MEMBER_LT = 'lt-0beyondmember0001';
export const BUCKET = 'ibex-beyond-exports';

const role = {
  name: 'EC2ImageBuilderDistributionCrossAccountRole',
  trustedAccounts: [OWNER],
  permissions: ['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
};

/** The organization with `other` accounts in OU Other (the rest as described above). */
export function organization(other: string[] = [A4], apps: string[] = [A1]) {
  return {
    id: ORG,
    managementAccountId: OWNER,
    units: [
      { id: 'ou-beyo-apps0001', name: 'Apps', accounts: apps, units: [{ id: 'ou-beyo-team0001', name: 'Team', accounts: [A2, A3], units: [] }] },
      { id: 'ou-beyo-othr0001', name: 'Other', accounts: other, units: [] },
    ],
  };
}

export function beyondWorld(): WorldSpec {
  return {
    defaultAccountId: OWNER,
    regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
    timings: { copyImageMs: 0, buildMs: 0, testMs: 0, exportImageMs: 0, pushContainerMs: 0, fastLaunchMs: 0 },
    organizations: [organization()],
    accounts: [
      {
        id: OWNER,
        name: 'tooling',
        roles: [{ name: 'vmimport', trustedServices: ['vmie.amazonaws.com'] }],
        launchTemplates: [
          { region: 'us-east-1', launchTemplateId: OWNER_LT['us-east-1'], name: 'web-east', imageId: SOURCE_AMI },
          { region: 'us-west-2', launchTemplateId: OWNER_LT['us-west-2'], name: 'web-west', imageId: SOURCE_AMI },
        ],
        ecrRepositories: [{ region: 'us-east-1', repositoryName: 'app' }],
        s3Buckets: [{ region: 'us-east-1', name: BUCKET }],
        images: [{ region: 'us-east-1', imageId: SOURCE_AMI, name: 'golden-linux', platform: 'Linux' }],
      },
      ...[A1, A2, A3, A4].map((id, i) => ({
        id,
        name: `member-${i + 1}`,
        roles: [role],
        launchTemplates: [{ region: 'us-west-2', launchTemplateId: `${MEMBER_LT.slice(0, -1)}${i + 1}`, name: `member-web-${i + 1}` }],
      })),
    ],
  };
}

/** The launch template of member `n` (1–4) in us-west-2. */
export function memberLt(n: number): string {
  return `${MEMBER_LT.slice(0, -1)}${n}`;
}
