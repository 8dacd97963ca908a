// A small world for engine tests: an owner in an organization, a target account with the
// cross-account role, accounts without (or with an untrusting) role, keys, templates, buckets.
import type { WorldSpec } from '../../src/world/index.js';

export const OWNER = '123456789012';
export const TARGET = '111122223333';
export const NOROLE = '444455556666';
export const UNTRUSTED = '777788889999';
export const ORG_ARN = `arn:aws:organizations::${OWNER}:organization/o-testorg0001`;
export const OU_ARN = `arn:aws:organizations::${OWNER}:ou/o-testorg0001/ou-test-apps0001`;
export const SOURCE_AMI = 'ami-0aaaaaaaaaaaaaaaa';
export const WINDOWS_AMI = 'ami-0bbbbbbbbbbbbbbbb';
export const OWNER_LT = 'lt-0aaaaaaaaaaaaaaaa';
export const TARGET_LT = 'lt-0cccccccccccccccc';
export const KMS_KEY = `arn:aws:kms:us-west-2:${OWNER}:key/11111111-2222-3333-4444-555555555555`;
export const LICENSE = `arn:aws:license-manager:us-west-2:${OWNER}:license-configuration:lic-0123456789abcdef0123456789abcdef`;

const crossAccountRole = (trusted: string) => ({
  name: 'EC2ImageBuilderDistributionCrossAccountRole',
  trustedAccounts: [trusted],
  permissions: ['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
});

/** The engine test world (zero timings unless overridden). */
export function testWorld(): WorldSpec {
  return {
    defaultAccountId: OWNER,
    regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-east-1'],
    timings: { copyImageMs: 0, buildMs: 0, testMs: 0, exportImageMs: 0, pushContainerMs: 0, fastLaunchMs: 0 },
    organizations: [
      {
        id: 'o-testorg0001',
        managementAccountId: OWNER,
        units: [{ id: 'ou-test-apps0001', name: 'Apps', accounts: [TARGET], units: [] }],
      },
    ],
    accounts: [
      {
        id: OWNER,
        name: 'tooling',
        imageBlockPublicAccess: ['eu-west-1'],
        roles: [{ name: 'vmimport', trustedServices: ['vmie.amazonaws.com'] }],
        kmsKeys: [{ region: 'us-west-2', keyId: '11111111-2222-3333-4444-555555555555', allowAccounts: [TARGET] }],
        launchTemplates: [{ region: 'us-west-2', launchTemplateId: OWNER_LT, name: 'web', imageId: SOURCE_AMI, tags: { CreatedBy: 'EC2 Image Builder' } }],
        ecrRepositories: [{ region: 'us-west-2', repositoryName: 'app' }],
        s3Buckets: [{ region: 'us-west-2', name: 'ibex-test-exports' }],
        licenseConfigurations: [{ region: 'us-west-2', arn: LICENSE }],
        images: [
          { region: 'us-east-1', imageId: SOURCE_AMI, name: 'golden-linux', platform: 'Linux', description: 'the golden image' },
          { region: 'us-east-1', imageId: WINDOWS_AMI, name: 'golden-windows', platform: 'Windows' },
        ],
      },
      {
        id: TARGET,
        name: 'prod',
        disabledRegions: ['ap-east-1'],
        roles: [crossAccountRole(OWNER)],
        launchTemplates: [{ region: 'us-west-2', launchTemplateId: TARGET_LT, name: 'prod-web', tags: { CreatedBy: 'EC2 Image Builder' } }],
      },
      { id: NOROLE, name: 'no-role' },
      { id: UNTRUSTED, name: 'untrusting', roles: [crossAccountRole('999999999999')] },
    ],
  };
}
