// Simulated EC2 AMI lifecycle: deprecation times, disable/enable, snapshot deletion, tag removal,
// and the visibility rules they imply for DescribeImages (deprecated AMIs hidden from non-owners
// unless asked for or named by id; disabled AMIs private and listed only with IncludeDisabled).
import type { Ec2LifecyclePort, DescribeImagesInput } from '../ports.js';
import { callerArn, enter, fail, type Ctx, type Sim } from './sim.js';
import { ownedAmi } from './amis.js';
import type { AmiRec } from './records.js';

/** The role Image Builder lifecycle executions assume in target accounts (name fixed by AWS). */
export const LIFECYCLE_ROLE = 'Ec2ImageBuilderCrossAccountLifecycleAccess';

/** What `EC2ImageBuilderLifecycleExecutionPolicy` allows (the starter world gives the role these). */
export const LIFECYCLE_ROLE_PERMISSIONS = [
  'ec2:DescribeImages',
  'ec2:DescribeImageAttribute',
  'ec2:EnableImageDeprecation',
  'ec2:DisableImageDeprecation',
  'ec2:DisableImage',
  'ec2:EnableImage',
  'ec2:DeregisterImage',
  'ec2:DeleteSnapshot',
  'ec2:CreateTags',
  'ec2:DeleteTags',
];

/** The tag the managed policy's conditions require on every AMI and snapshot it may change. */
export const CREATED_BY = { key: 'CreatedBy', value: 'EC2 Image Builder' } as const;

function allows(permissions: string[], action: string): boolean {
  return permissions.some((p) => p === '*' || p === action || p === 'ec2:*');
}

/**
 * Through the lifecycle role, AWS's managed policy scopes every action to resources tagged
 * `CreatedBy: EC2 Image Builder`; any role needs the action among its permissions.
 */
export function assertRoleMay(ctx: Ctx, action: string, rec: AmiRec): void {
  if (!ctx.via) return;
  const ok = allows(ctx.via.role.permissions, action) && (ctx.via.role.name !== LIFECYCLE_ROLE || rec.tags[CREATED_BY.key] === CREATED_BY.value);
  if (!ok) {
    throw fail(
      'ec2',
      'UnauthorizedOperation',
      `User: ${callerArn(ctx)} is not authorized to perform: ${action} on resource: arn:aws:ec2:${rec.region}::image/${rec.imageId}${ctx.via.role.name === LIFECYCLE_ROLE ? ` (the role's policy only allows AMIs tagged ${CREATED_BY.key}: ${CREATED_BY.value})` : ''}.`,
    );
  }
}

/** Whether DescribeImages lists `rec` for this caller and input (deprecation and disabling). */
export function listedByDescribe(sim: Sim, callerAccountId: string, rec: AmiRec, input: DescribeImagesInput): boolean {
  const byId = (input.imageIds?.length ?? 0) > 0;
  if (rec.disabledAt !== undefined) return rec.accountId === callerAccountId && (byId || input.includeDisabled === true);
  if (rec.deprecateAt !== undefined && rec.deprecateAt <= sim.clock.now()) {
    // Owners always see their own deprecated AMIs; others by id or with IncludeDeprecated.
    return rec.accountId === callerAccountId || byId || input.includeDeprecated === true;
  }
  return true;
}

/** `InvalidAMIID.Unavailable` for an AMI that is disabled (it cannot be copied or shared). */
export function assertNotDisabled(rec: AmiRec): void {
  if (rec.disabledAt !== undefined) {
    throw fail('ec2', 'InvalidAMIID.Unavailable', `The image '${rec.imageId}' is disabled; enable it (EnableImage) before copying or sharing it.`);
  }
}

/** The simulated lifecycle part of the EC2 port. */
export function simulatedEc2Lifecycle(sim: Sim): Ec2LifecyclePort {
  return {
    async enableImageDeprecation(scope, input) {
      const ctx = enter(sim, 'ec2', 'EnableImageDeprecation', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      assertRoleMay(ctx, 'ec2:EnableImageDeprecation', rec);
      const at = Date.parse(input.deprecateAt);
      if (!Number.isFinite(at)) throw fail('ec2', 'InvalidParameterValue', `Invalid value '${input.deprecateAt}' for DeprecateAt: give an ISO-8601 time.`);
      // EC2 rounds the deprecation time down to the minute (AWS documents this rounding).
      sim.state.putAmi({ ...rec, deprecateAt: Math.floor(at / 60_000) * 60_000 });
    },

    async disableImageDeprecation(scope, input) {
      const ctx = enter(sim, 'ec2', 'DisableImageDeprecation', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      assertRoleMay(ctx, 'ec2:DisableImageDeprecation', rec);
      const { deprecateAt: _gone, ...rest } = rec;
      sim.state.putAmi(rest);
    },

    async disableImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'DisableImage', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      assertRoleMay(ctx, 'ec2:DisableImage', rec);
      if (rec.disabledAt !== undefined) return;
      // Disabling makes the AMI private: every launch permission goes, and EnableImage does not restore them.
      sim.state.putAmi({
        ...rec,
        disabledAt: sim.clock.now(),
        launchPermissions: { userIds: [], userGroups: [], organizationArns: [], organizationalUnitArns: [] },
      });
    },

    async enableImage(scope, input) {
      const ctx = enter(sim, 'ec2', 'EnableImage', scope);
      const rec = ownedAmi(sim, ctx, input.imageId);
      assertRoleMay(ctx, 'ec2:EnableImage', rec);
      const { disabledAt: _gone, ...rest } = rec;
      sim.state.putAmi(rest);
    },

    async deleteSnapshot(scope, input) {
      const ctx = enter(sim, 'ec2', 'DeleteSnapshot', scope);
      const m = /^snap-([0-9a-f]{8,17})$/.exec(input.snapshotId);
      if (!m) throw fail('ec2', 'InvalidSnapshotID.Malformed', `Invalid id: "${input.snapshotId}" (expecting "snap-...")`);
      const rec = sim.state.amis.get(`ami-${m[1]}`);
      if (!rec || rec.accountId !== ctx.accountId || rec.region !== ctx.region || rec.snapshotDeletedAt !== undefined) {
        throw fail('ec2', 'InvalidSnapshot.NotFound', `The snapshot '${input.snapshotId}' does not exist.`);
      }
      assertRoleMay(ctx, 'ec2:DeleteSnapshot', rec);
      if (rec.deregisteredAt === undefined) {
        throw fail('ec2', 'InvalidSnapshot.InUse', `The snapshot ${input.snapshotId} is currently in use by ${rec.imageId}`);
      }
      sim.state.putAmi({ ...rec, snapshotDeletedAt: sim.clock.now() });
    },

    async deleteTags(scope, input) {
      const ctx = enter(sim, 'ec2', 'DeleteTags', scope);
      // Every resource is checked before any changes, so a bad id changes nothing (EC2 fails the whole call).
      const recs = input.resources.map((id) => {
        if (!id.startsWith('ami-')) throw fail('ec2', 'InvalidID', `The ID '${id}' is not valid (ibex removes tags from AMIs).`);
        const rec = ownedAmi(sim, ctx, id);
        assertRoleMay(ctx, 'ec2:DeleteTags', rec);
        return rec;
      });
      sim.state.repo.tx(() => {
        for (const rec of recs) {
          const tags = { ...rec.tags };
          for (const t of input.tags) if (t.key in tags && (t.value === undefined || tags[t.key] === t.value)) delete tags[t.key];
          sim.state.putAmi({ ...rec, tags });
        }
      });
    },
  };
}
