// The simulated EC2 lifecycle calls and what they mean for the world: deprecated AMIs hidden from
// other accounts unless asked for, disabled AMIs private and not copyable, snapshots deletable only
// after deregistration, and the lifecycle role limited to AMIs Image Builder created.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudError } from '../../src/cloud/ports.js';
import { FX, simulatedEnv } from './simulated-env.js';

const owner = { accountId: FX.owner, region: FX.region };
const member = { accountId: FX.member, region: FX.region };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CloudError, String(e));
    return e.code;
  }
  throw new Error('expected a CloudError');
}

async function sharedCopy(env: ReturnType<typeof simulatedEnv>, name: string): Promise<string> {
  const { imageId } = await env.ports.ec2.copyImage(owner, {
    sourceImageId: FX.linuxImageId,
    sourceRegion: FX.region,
    name,
    tagSpecifications: [{ resourceType: 'image', tags: [{ key: 'CreatedBy', value: 'EC2 Image Builder' }] }],
  });
  await env.ports.ec2.modifyImageAttribute(owner, { imageId, launchPermission: { add: [{ userId: FX.member }] } });
  return imageId;
}

const listed = async (env: ReturnType<typeof simulatedEnv>, scope: typeof owner, input = {}): Promise<string[]> =>
  (await env.ports.ec2.describeImages(scope, input)).images.map((i) => i.imageId);

describe('simulated EC2 lifecycle', () => {
  it('hides a deprecated AMI from other accounts unless they ask for it or name it; the owner still sees it', async () => {
    const env = simulatedEnv();
    const id = await sharedCopy(env, 'dep');
    await env.ports.ec2.enableImageDeprecation(owner, { imageId: id, deprecateAt: '2020-01-01T00:00:30.000Z' });
    assert.equal((await listed(env, member)).includes(id), false);
    assert.equal((await listed(env, member, { includeDeprecated: true })).includes(id), true);
    assert.deepEqual(await listed(env, member, { imageIds: [id] }), [id]);
    assert.equal((await listed(env, owner, { owners: ['self'] })).includes(id), true);
    const img = (await env.ports.ec2.describeImages(owner, { imageIds: [id] })).images[0]!;
    assert.match(img.deprecationTime!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    await env.ports.ec2.disableImageDeprecation(owner, { imageId: id });
    assert.equal((await listed(env, member)).includes(id), true);
  });

  it('makes a disabled AMI private, unlisted unless IncludeDisabled, not copyable; EnableImage does not restore sharing', async () => {
    const env = simulatedEnv();
    const id = await sharedCopy(env, 'dis');
    await env.ports.ec2.disableImage(owner, { imageId: id });
    assert.equal(await codeOf(env.ports.ec2.describeImages(member, { imageIds: [id] })), 'InvalidAMIID.NotFound');
    assert.equal((await listed(env, owner, { owners: ['self'] })).includes(id), false);
    const shown = (await env.ports.ec2.describeImages(owner, { owners: ['self'], includeDisabled: true })).images.find((i) => i.imageId === id)!;
    assert.equal(shown.state, 'disabled');
    assert.equal(
      await codeOf(env.ports.ec2.copyImage({ accountId: FX.owner, region: FX.otherRegion }, { sourceImageId: id, sourceRegion: FX.region, name: 'again' })),
      'InvalidAMIID.Unavailable',
    );
    assert.equal(
      await codeOf(env.ports.ec2.modifyImageAttribute(owner, { imageId: id, launchPermission: { add: [{ userId: FX.member }] } })),
      'InvalidAMIID.Unavailable',
    );
    await env.ports.ec2.enableImage(owner, { imageId: id });
    assert.equal((await env.ports.ec2.describeImages(owner, { imageIds: [id] })).images[0]!.state, 'available');
    assert.deepEqual((await env.ports.ec2.describeImageAttribute(owner, { imageId: id, attribute: 'launchPermission' })).launchPermissions, []);
  });

  it('deletes a snapshot only once its AMI is deregistered', async () => {
    const env = simulatedEnv();
    const id = await sharedCopy(env, 'snap');
    const snapshotId = (await env.ports.ec2.describeImages(owner, { imageIds: [id] })).images[0]!.blockDeviceMappings[0]!.ebs.snapshotId;
    assert.equal(await codeOf(env.ports.ec2.deleteSnapshot(owner, { snapshotId })), 'InvalidSnapshot.InUse');
    await env.ports.ec2.deregisterImage(owner, { imageId: id });
    await env.ports.ec2.deleteSnapshot(owner, { snapshotId });
    assert.equal(await codeOf(env.ports.ec2.deleteSnapshot(owner, { snapshotId })), 'InvalidSnapshot.NotFound');
    assert.equal(env.world.snapshot().images.find((i) => i.imageId === id)!.snapshot.state, 'deleted');
    assert.equal(await codeOf(env.ports.ec2.deleteSnapshot(owner, { snapshotId: 'snap-nothex!' })), 'InvalidSnapshotID.Malformed');
  });

  it('refuses a lifecycle call on another account’s AMI with AuthFailure', async () => {
    const env = simulatedEnv();
    const id = await sharedCopy(env, 'auth');
    assert.equal(await codeOf(env.ports.ec2.disableImage(member, { imageId: id })), 'AuthFailure');
    assert.equal((await env.ports.ec2.describeImages(owner, { imageIds: [id] })).images[0]!.state, 'available');
  });
});
