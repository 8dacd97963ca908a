// A wide fan-out world for tests of large runs: an owner with one source AMI and N target
// accounts that carry the cross-account role, and a configuration distributing to all of them in
// every Region with zero timings, so a run of thousands of steps finishes in about a second.
import type { WorldSpec } from '../../src/world/index.js';
import { CROSS_ACCOUNT_ROLE, ZERO_TIMINGS } from '../../src/world/index.js';

export const WIDE_OWNER = '123456789012';
export const WIDE_SOURCE_AMI = 'ami-0aaaaaaaaaaaaaaaa';
export const WIDE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
export const wideTarget = (i: number): string => String(200000000000 + i);

/** The world: `accounts` targets (the last `withoutRole` lack the role, so their jobs fail),
 *  the source AMI in the first Region. */
export function wideWorld(accounts: number, withoutRole = 0): WorldSpec {
  return {
    defaultAccountId: WIDE_OWNER,
    regions: WIDE_REGIONS,
    timings: { ...ZERO_TIMINGS },
    accounts: [
      { id: WIDE_OWNER, images: [{ region: WIDE_REGIONS[0]!, imageId: WIDE_SOURCE_AMI, name: 'golden', platform: 'Linux' }] },
      ...Array.from({ length: accounts }, (_, a) => ({
        id: wideTarget(a),
        roles: a < accounts - withoutRole ? [{ name: CROSS_ACCOUNT_ROLE, trustedAccounts: [WIDE_OWNER], permissions: ['ssm:PutParameter'] }] : [],
      })),
    ],
  };
}

/** Distributions to every target in every Region of the wide world. */
export function wideDistributions(accounts: number) {
  const ids = Array.from({ length: accounts }, (_, a) => wideTarget(a));
  return WIDE_REGIONS.map((region) => ({
    region,
    amiDistributionConfiguration: { name: 'wide {{ imagebuilder:buildDate }}', targetAccountIds: ids },
  }));
}
