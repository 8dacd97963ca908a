// Shared AMI helpers: state derived from the clock, the DescribeImages shape, lookups that
// apply visibility, and AMI name rules.
import type { Ec2Image, ImageState, Tag } from '../ports.js';
import { fail, type Ctx, type Sim } from './sim.js';
import type { AmiRec } from './records.js';
import { canSee } from './visibility.js';

/** `pending` until `availableAt`, then `available`; `failed`/`deregistered` win. */
export function imageState(rec: AmiRec, now: number): ImageState {
  if (rec.deregisteredAt !== undefined) return 'deregistered';
  if (rec.failed) return 'failed';
  if (rec.disabledAt !== undefined) return 'disabled';
  return now >= rec.availableAt ? 'available' : 'pending';
}

/** The id of an AMI's (one, root) snapshot: the simulated world derives it from the AMI id. */
export const snapshotIdOf = (imageId: string): string => `snap-${imageId.slice(4)}`;

export const tagList = (tags: Record<string, string>): Tag[] => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function tagMap(specs?: { tags: Tag[] }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs ?? []) for (const t of s.tags) out[t.key] = t.value;
  return out;
}

/** The DescribeImages view of a record. */
export function toEc2Image(sim: Sim, rec: AmiRec): Ec2Image {
  const now = sim.clock.now();
  const state = imageState(rec, now);
  const snapshotId = snapshotIdOf(rec.imageId);
  const img: Ec2Image = {
    imageId: rec.imageId,
    ownerId: rec.accountId,
    name: rec.name,
    state,
    platformDetails: rec.platform === 'Windows' ? 'Windows' : 'Linux/UNIX',
    creationDate: new Date(rec.createdAt).toISOString(),
    public: rec.launchPermissions.userGroups.includes('all'),
    tags: tagList(rec.tags),
    blockDeviceMappings: [
      {
        deviceName: rec.platform === 'Windows' ? '/dev/sda1' : '/dev/xvda',
        ebs: { snapshotId, encrypted: rec.encrypted, ...(rec.kmsKeyId ? { kmsKeyId: rec.kmsKeyId } : {}) },
      },
    ],
  };
  if (sim.state.accounts.get(rec.accountId)?.amazonManaged) img.imageOwnerAlias = 'amazon';
  if (rec.description !== undefined) img.description = rec.description;
  if (rec.platform === 'Windows') img.platform = 'windows';
  if (rec.sourceImageId) img.sourceImageId = rec.sourceImageId;
  if (rec.sourceRegion) img.sourceImageRegion = rec.sourceRegion;
  if (state === 'failed' && rec.failed) img.stateReason = rec.failed;
  if (rec.deprecateAt !== undefined) img.deprecationTime = new Date(rec.deprecateAt).toISOString();
  return img;
}

const notFound = (imageId: string): Error => fail('ec2', 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);

/** Validates the id's shape (`InvalidAMIID.Malformed`). */
export function assertImageIdShape(imageId: string): void {
  if (!/^ami-[0-9a-f]{8,17}$/.test(imageId)) throw fail('ec2', 'InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
}

/** An image in `region` the caller can see, else `InvalidAMIID.NotFound` (AWS hides what you cannot see). */
export function visibleAmi(sim: Sim, ctx: Ctx, region: string, imageId: string): AmiRec {
  assertImageIdShape(imageId);
  const rec = sim.state.amis.get(imageId);
  if (!rec || rec.region !== region || !canSee(sim.state, ctx.accountId, rec)) throw notFound(imageId);
  return rec;
}

/** An image the caller owns; a visible but foreign image gives `AuthFailure`. */
export function ownedAmi(sim: Sim, ctx: Ctx, imageId: string): AmiRec {
  const rec = visibleAmi(sim, ctx, ctx.region, imageId);
  if (rec.accountId !== ctx.accountId) {
    throw fail('ec2', 'AuthFailure', `Not authorized for image:${imageId}: it is owned by account ${rec.accountId}, not ${ctx.accountId}.`);
  }
  return rec;
}

/** An owned image that has finished: `IncorrectState` while pending or failed. */
export function availableOwnedAmi(sim: Sim, ctx: Ctx, imageId: string): AmiRec {
  const rec = ownedAmi(sim, ctx, imageId);
  const state = imageState(rec, sim.clock.now());
  if (state !== 'available') throw fail('ec2', 'IncorrectState', `The image '${imageId}' is not in the 'available' state (it is '${state}').`);
  return rec;
}

/** AWS AMI name rules: 3–128 characters of letters, digits, ()[]./-'@_ and space. */
export function assertAmiName(name: string): void {
  if (typeof name !== 'string' || name.length < 3 || name.length > 128) {
    throw fail(
      'ec2',
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_' (got ${JSON.stringify(name)}, ${typeof name === 'string' ? name.length : 0} characters).`,
    );
  }
  if (!/^[a-zA-Z0-9()[\]./\-'@_ ]+$/.test(name)) {
    throw fail(
      'ec2',
      'InvalidAMIName.Malformed',
      `AMI name '${name}' contains a character AWS does not allow; use letters, numbers, '(', ')', '[', ']', '.', '/', '-', ''', '@', '_' and spaces.`,
    );
  }
}

/** `InvalidAMIName.Duplicate` when a live AMI in the account and Region has the name. */
export function assertNameFree(sim: Sim, accountId: string, region: string, name: string): void {
  const existing = sim.state.amiByName(accountId, region, name);
  if (existing) throw fail('ec2', 'InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${existing.imageId}`);
}
