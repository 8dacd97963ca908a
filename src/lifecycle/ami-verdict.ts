// What a lifecycle execution does to one output AMI, decided without changing anything: one
// function the runner acts on and the preview (GET /_ibex/lifecycle/preview) shows, so a preview
// is what a run would do. Exclusions come first: the Region rule needs no EC2 call, so an AMI it
// keeps never assumes the target account's role; the other AMI rules (public, EC2 tags, shares,
// last launch) read the AMI in the account that owns it — a target account through its
// Ec2ImageBuilderCrossAccountLifecycleAccess role, once per account and Region per execution.
import { CloudError, type CloudPorts, type CloudScope, type Ec2Image } from '../cloud/ports.js';
import { CREATED_BY, LIFECYCLE_ROLE } from '../cloud/simulated/ec2-lifecycle.js';
import { partitionOf, type Scope } from '../domain/scope.js';
import type { LifecycleExecutionResource } from '../model/generated/types.js';
import type { PlannedAction } from '../store/records.js';
import { amiExclusion } from './plan.js';

/** One output AMI of an image, as the execution lists it. */
export interface AmiTarget {
  resourceId: string;
  region: string;
  accountId: string;
}

/** The decision for one AMI: a final record without acting, or the action with what it needs. */
export type AmiVerdict =
  | { kind: 'final'; state: NonNullable<LifecycleExecutionResource['state']> }
  | { kind: 'act'; cs: CloudScope; ami: Ec2Image; tags: Record<string, string>; snapshotIds: string[] };

/** The owner's scope, or the target account's through the lifecycle role (cached per account and Region). */
export type LifecycleActAs = (accountId: string, region: string) => Promise<CloudScope>;

export function lifecycleActAs(cloud: CloudPorts, owner: Scope): LifecycleActAs {
  const roles = new Map<string, Promise<CloudScope>>();
  return (accountId, region) => {
    if (accountId === owner.accountId) return Promise.resolve({ accountId, region });
    const k = `${accountId}|${region}`;
    let p = roles.get(k);
    if (!p) {
      const roleArn = `arn:${partitionOf(region)}:iam::${accountId}:role/${LIFECYCLE_ROLE}`;
      p = cloud.sts.assumeRole({ accountId: owner.accountId, region }, { roleArn, roleSessionName: 'EC2ImageBuilderLifecycle', region }).then((r) => r.scope);
      roles.set(k, p);
    }
    return p;
  };
}

/** Whether any AMI rule other than `regions` is set (those need EC2's facts about the AMI). */
const needsFacts = (plan: PlannedAction): boolean => {
  const ex = plan.exclusions;
  return (
    !!ex && (ex.isPublic !== undefined || Object.keys(ex.tagMap ?? {}).length > 0 || (ex.sharedAccounts?.length ?? 0) > 0 || ex.lastLaunched !== undefined)
  );
};

/**
 * Decides what `plan` does to one AMI at `now` (epoch ms). Reads only (DescribeImages,
 * DescribeImageAttribute, AssumeRole); a CloudError on the way is the AMI's FAILED record.
 */
export async function amiVerdict(
  cloud: CloudPorts,
  scope: Scope,
  target: AmiTarget,
  plan: PlannedAction,
  now: number,
  actAs: LifecycleActAs,
): Promise<AmiVerdict> {
  const { region, accountId, resourceId } = target;
  const excludes = plan.type !== 'AVAILABLE';
  // The Region rule first: it needs nothing from EC2, and so no role in the target account.
  const byRegion = excludes
    ? amiExclusion(plan.exclusions?.regions ? { regions: plan.exclusions.regions } : undefined, { region, isPublic: false, tags: {}, sharedAccounts: [] }, now)
    : undefined;
  if (byRegion) return { kind: 'final', state: { status: 'SKIPPED', reason: byRegion } };
  try {
    const cs = await actAs(accountId, region);
    let ami: Ec2Image | undefined;
    try {
      ami = (await cloud.ec2.describeImages(cs, { imageIds: [resourceId], includeDeprecated: true, includeDisabled: true })).images[0];
    } catch (e) {
      if (!(e instanceof CloudError && e.code === 'InvalidAMIID.NotFound')) throw e;
    }
    // Already gone counts as done (AWS reports SUCCESS for resources already in the target state).
    if (!ami || ami.state === 'deregistered') return { kind: 'final', state: { status: 'SUCCESS', reason: 'The AMI was already deregistered.' } };
    const tags = Object.fromEntries(ami.tags.map((t) => [t.key, t.value]));
    if (excludes && needsFacts(plan)) {
      const shared = plan.exclusions?.sharedAccounts?.length
        ? (await cloud.ec2.describeImageAttribute(cs, { imageId: resourceId, attribute: 'launchPermission' })).launchPermissions.flatMap((p) =>
            p.userId ? [p.userId] : [],
          )
        : [];
      // The world records no launches, so lastLaunched never keeps an AMI (docs/known-differences.md).
      const why = amiExclusion(plan.exclusions, { region, isPublic: ami.public, tags, sharedAccounts: shared }, now);
      if (why) return { kind: 'final', state: { status: 'SKIPPED', reason: why } };
    }
    if (tags[CREATED_BY.key] !== CREATED_BY.value) {
      return {
        kind: 'final',
        state: { status: 'FAILED', reason: `Image Builder acts only on AMIs tagged ${CREATED_BY.key}: ${CREATED_BY.value}; ${resourceId} is not.` },
      };
    }
    return { kind: 'act', cs, ami, tags, snapshotIds: ami.blockDeviceMappings.map((b) => b.ebs.snapshotId) };
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    return { kind: 'final', state: { status: 'FAILED', reason: `${e.code}: ${e.message}` } };
  }
}
