// Acting as an account in a Region: the owner acts as itself, any other account through
// Image Builder's cross-account role with the session name AWS uses. The runner and the preflight
// share this, so a role policy conditioned on the session treats dry runs like the real calls.
import type { CloudPorts, CloudScope } from '../cloud/ports.js';
import { partitionOf } from '../domain/scope.js';

/** The role Image Builder assumes in every target account; its name is fixed (facts §5). */
export const CROSS_ACCOUNT_ROLE = 'EC2ImageBuilderDistributionCrossAccountRole';

/** The cross-account role's ARN in `accountId`. */
export function distributionRoleArn(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${CROSS_ACCOUNT_ROLE}`;
}

/** Assumed-role scopes of one run (or one preflight), cached per account and Region. */
export class DistributionRoles {
  private readonly sessions = new Map<string, Promise<CloudScope>>();

  constructor(
    private readonly cloud: CloudPorts,
    private readonly ownerAccountId: string,
  ) {}

  /** A scope acting as `accountId` in `region`; a failed assumption is not cached. */
  as(accountId: string, region: string): Promise<CloudScope> {
    if (accountId === this.ownerAccountId) return Promise.resolve({ accountId, region });
    const k = `${accountId}|${region}`;
    let p = this.sessions.get(k);
    if (!p) {
      p = this.cloud.sts
        .assumeRole(
          { accountId: this.ownerAccountId, region },
          { roleArn: distributionRoleArn(accountId, region), roleSessionName: 'EC2ImageBuilderDistribution', region },
        )
        .then((r) => r.scope);
      p.catch(() => this.sessions.delete(k));
      this.sessions.set(k, p);
    }
    return p;
  }

  /** Drops a session (it expired): the next `as` assumes the role again. */
  forget(accountId: string, region: string): void {
    this.sessions.delete(`${accountId}|${region}`);
  }
}
