// Acting as an account in a Region as the runner does: the owner itself, or a target through
// EC2ImageBuilderDistributionCrossAccountRole with the runner's session name. Roles are assumed
// once per account and Region for one check.
import type { CloudPorts, CloudScope } from '../cloud/ports.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import { CROSS_ACCOUNT_ROLE } from '../engine/roles.js';

export type ActAs = (accountId: string, region: string) => Promise<CloudScope>;

export function actAs(cloud: CloudPorts, owner: Scope): ActAs {
  const roles = new Map<string, Promise<CloudScope>>();
  return (accountId, region) => {
    if (accountId === owner.accountId) return Promise.resolve({ accountId, region });
    const k = `${accountId}|${region}`;
    let p = roles.get(k);
    if (!p) {
      p = cloud.sts
        .assumeRole(
          { accountId: owner.accountId, region },
          { roleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${CROSS_ACCOUNT_ROLE}`, roleSessionName: 'EC2ImageBuilderDistribution', region },
        )
        .then((r) => r.scope);
      roles.set(k, p);
    }
    return p;
  };
}
