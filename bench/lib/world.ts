// Benchmark worlds built in code: an owner with a source AMI and N target accounts, each with the
// cross-account role trusting the owner and a launch template in every Region.
import type { WorldSpec } from '../../src/world/index.js';
import { COMMERCIAL_REGIONS } from '../../src/world/index.js';

export const OWNER = '123456789012';
export const SOURCE_AMI = 'ami-0aaaaaaaaaaaaaaaa';
export const target = (i: number): string => String(200000000000 + i);
export const ltId = (a: number, r: number): string => `lt-${(a * 64 + r).toString(16).padStart(17, '0')}`;

/** A fan-out world: `accounts` targets × `regions` Regions (the first is the build Region). */
export function fanOutWorld(accounts: number, regionCount: number): { spec: WorldSpec; regions: string[] } {
  const regions = COMMERCIAL_REGIONS.slice(0, regionCount);
  const spec: WorldSpec = {
    defaultAccountId: OWNER,
    regions: [...COMMERCIAL_REGIONS],
    accounts: [
      { id: OWNER, images: [{ region: regions[0]!, imageId: SOURCE_AMI, name: 'golden', platform: 'Linux' }] },
      ...Array.from({ length: accounts }, (_, a) => ({
        id: target(a),
        roles: [
          {
            name: 'EC2ImageBuilderDistributionCrossAccountRole',
            trustedAccounts: [OWNER],
            permissions: ['ssm:PutParameter', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
          },
        ],
        launchTemplates: regions.map((region, r) => ({ region, launchTemplateId: ltId(a, r), name: `lt-${a}-${r}` })),
      })),
    ],
  };
  return { spec, regions };
}

/** A configuration distributing to every target in every Region, with launch templates
 *  (the model allows 100 per Region) and one SSM parameter per account. */
export function fanOutConfig(name: string, accounts: number, regions: string[]): Record<string, unknown> {
  const ids = Array.from({ length: accounts }, (_, a) => target(a));
  return {
    name,
    clientToken: name,
    distributions: regions.map((region, r) => ({
      region,
      amiDistributionConfiguration: { name: `bench {{ imagebuilder:buildDate }}`, targetAccountIds: ids },
      launchTemplateConfigurations: ids.slice(0, 100).map((accountId, a) => ({ launchTemplateId: ltId(a, r), accountId })),
      ssmParameterConfigurations: ids.map((amiAccountId) => ({ parameterName: `/bench/ami`, amiAccountId })),
    })),
  };
}
