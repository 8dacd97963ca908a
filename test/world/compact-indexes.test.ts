// The world's compact in-memory structures (state.ts) behave as the plain ones did: the shared
// empty launch-permission list is never shared by a grant, the name indexes (one id, then a Set)
// follow registration, deregistration and name reuse, and all of it survives a restart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/domain/clock.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { SqliteWorldRows } from '../../src/store/sqlite/world-rows.js';
import { openWorld, STARTER, type World } from '../../src/world/index.js';

const A = STARTER.managementAccountId;
const B = STARTER.prodAccountId;
const C = STARTER.devAccountId;
const R = 'us-east-1';

async function named(world: World, accountId: string, name: string): Promise<string[]> {
  const out = await world.ports.ec2.describeImages({ accountId, region: R }, { owners: [A, B], filters: [{ name: 'name', values: [name] }] });
  return out.images.map((i) => i.imageId).sort();
}

describe('compact world indexes', () => {
  it('a grant on one AMI without launch permissions shares nothing else, before and after a restart', async () => {
    const db = openDatabase({ inMemory: true });
    const clock = new ManualClock();
    let world = openWorld({ rows: new SqliteWorldRows(db), clock });
    const one = (await world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'one-ami' })).imageId;
    const two = (await world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'two-ami' })).imageId;
    await world.ports.ec2.modifyImageAttribute({ accountId: A, region: R }, { imageId: one, launchPermission: { add: [{ userId: C }] } });
    for (let round = 0; round < 2; round++) {
      const images = world.snapshot({ accountId: A, region: R }).images;
      assert.deepEqual(images.find((i) => i.imageId === one)?.launchPermissions.userIds, [C]);
      assert.deepEqual(images.find((i) => i.imageId === two)?.launchPermissions, {
        userIds: [],
        userGroups: [],
        organizationArns: [],
        organizationalUnitArns: [],
      });
      const seen = await world.ports.ec2.describeImages({ accountId: C, region: R }, { imageIds: [one] });
      assert.deepEqual(
        seen.images.map((i) => i.imageId),
        [one],
      );
      await assert.rejects(world.ports.ec2.describeImages({ accountId: C, region: R }, { imageIds: [two] }), { code: 'InvalidAMIID.NotFound' });
      world = openWorld({ rows: new SqliteWorldRows(db), clock });
    }
    // Revoking the last entry and granting again still touches that AMI alone.
    await world.ports.ec2.modifyImageAttribute({ accountId: A, region: R }, { imageId: one, launchPermission: { remove: [{ userId: C }] } });
    await world.ports.ec2.modifyImageAttribute({ accountId: A, region: R }, { imageId: two, launchPermission: { add: [{ group: 'all' }] } });
    const images = world.snapshot({ accountId: A, region: R }).images;
    assert.deepEqual(images.find((i) => i.imageId === one)?.launchPermissions.userIds, []);
    assert.deepEqual(images.find((i) => i.imageId === two)?.launchPermissions.userGroups, ['all']);
  });

  it('the name indexes follow one AMI, two of one name, deregistration and reuse, across a restart', async () => {
    const db = openDatabase({ inMemory: true });
    const clock = new ManualClock();
    let world = openWorld({ rows: new SqliteWorldRows(db), clock });
    const a1 = (await world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'shared-name' })).imageId;
    assert.deepEqual(await named(world, A, 'shared-name'), [a1]);
    const b1 = (await world.ports.ec2.registerImage({ accountId: B, region: R }, { name: 'shared-name' })).imageId;
    await world.ports.ec2.modifyImageAttribute({ accountId: B, region: R }, { imageId: b1, launchPermission: { add: [{ userId: A }] } });
    assert.deepEqual(await named(world, A, 'shared-name'), [a1, b1].sort());
    // The name is taken in A's account, free in another Region.
    await assert.rejects(world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'shared-name' }), { code: 'InvalidAMIName.Duplicate' });
    await world.ports.ec2.registerImage({ accountId: A, region: 'us-west-2' }, { name: 'shared-name' });
    world = openWorld({ rows: new SqliteWorldRows(db), clock });
    assert.deepEqual(await named(world, A, 'shared-name'), [a1, b1].sort());
    await assert.rejects(world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'shared-name' }), { code: 'InvalidAMIName.Duplicate' });
    // Deregistered, the name is free again; the old AMI still has it (DescribeImages shows it deregistered).
    await world.ports.ec2.deregisterImage({ accountId: A, region: R }, { imageId: a1 });
    const a2 = (await world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'shared-name' })).imageId;
    world = openWorld({ rows: new SqliteWorldRows(db), clock });
    const now = await world.ports.ec2.describeImages({ accountId: A, region: R }, { owners: [A, B], filters: [{ name: 'name', values: ['shared-name'] }] });
    const live = now.images.filter((i) => i.state !== 'deregistered').map((i) => i.imageId);
    assert.deepEqual(live.sort(), [a2, b1].sort());
    assert.equal(world.snapshot({ accountId: A, region: R }).images.find((i) => i.imageId === a1)?.state, 'deregistered');
    await assert.rejects(world.ports.ec2.registerImage({ accountId: A, region: R }, { name: 'shared-name' }), { code: 'InvalidAMIName.Duplicate' });
  });
});
