// The simulated world's time model: pending → available after the timing, copies of pending
// sources wait, the 50-concurrent-copies limit, exports and fast launch complete over time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWith } from './contract/env.js';
import { FX, simulatedEnv } from './simulated-env.js';

const owner = { accountId: FX.owner, region: FX.region };
const ownerEu = { accountId: FX.owner, region: FX.otherRegion };

describe('simulated time', () => {
  it('keeps a new AMI pending for buildMs, then available', async () => {
    const env = simulatedEnv({ buildMs: 10_000 });
    const { imageId } = await env.ports.ec2.registerImage(owner, { name: 'build-1' });
    const state = async () => (await env.ports.ec2.describeImages(owner, { imageIds: [imageId] })).images[0]!.state;
    assert.equal(await state(), 'pending');
    env.clock.advance(9_999);
    assert.equal(await state(), 'pending');
    env.clock.advance(1);
    assert.equal(await state(), 'available');
  });

  it('keeps a copy pending for copyImageMs and shows it pending in the snapshot', async () => {
    const env = simulatedEnv({ copyImageMs: 4_000 });
    const { imageId } = await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'copy-1' });
    assert.equal(env.world.snapshot().images.find((i) => i.imageId === imageId)!.state, 'pending');
    env.clock.advance(4_000);
    assert.equal(env.world.snapshot().images.find((i) => i.imageId === imageId)!.state, 'available');
  });

  it('makes a copy of a pending source wait for the source, then take the copy time', async () => {
    const env = simulatedEnv({ buildMs: 10_000, copyImageMs: 3_000 });
    const src = await env.ports.ec2.registerImage(owner, { name: 'build-2' });
    const copy = await env.ports.ec2.copyImage(ownerEu, { sourceImageId: src.imageId, sourceRegion: FX.region, name: 'copy-2' });
    const state = async () => (await env.ports.ec2.describeImages(ownerEu, { imageIds: [copy.imageId] })).images[0]!.state;
    env.clock.advance(10_000);
    assert.equal(await state(), 'pending');
    env.clock.advance(2_999);
    assert.equal(await state(), 'pending');
    env.clock.advance(1);
    assert.equal(await state(), 'available');
  });

  it('returns ResourceLimitExceeded for the 51st concurrent copy into one account and Region, and accepts it once copies finish', async () => {
    const env = simulatedEnv({ copyImageMs: 60_000 });
    for (let i = 0; i < 50; i++) {
      await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: `copy-${i}` });
    }
    const err = await rejectsWith(
      env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'copy-50' }),
      'ResourceLimitExceeded',
      'ec2',
    );
    assert.equal((err as unknown as { retryable: boolean }).retryable, true);
    // Another destination Region has its own limit.
    await env.ports.ec2.copyImage({ accountId: FX.owner, region: 'us-west-2' }, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'copy-50' });
    env.clock.advance(60_000);
    await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'copy-50' });
  });

  it('frees a copy slot when a pending copy is deregistered', async () => {
    const env = simulatedEnv({ copyImageMs: 60_000 });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++)
      ids.push((await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: `c-${i}` })).imageId);
    await env.ports.ec2.deregisterImage(ownerEu, { imageId: ids[0]! });
    await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'c-50' });
  });

  it('returns IncorrectState exporting an AMI that is still pending', async () => {
    const env = simulatedEnv({ buildMs: 5_000 });
    const { imageId } = await env.ports.ec2.registerImage(owner, { name: 'build-3' });
    await rejectsWith(
      env.ports.ec2.exportImage(owner, { imageId, diskImageFormat: 'RAW', s3ExportLocation: { s3Bucket: FX.exportBucket }, roleName: 'vmimport' }),
      'IncorrectState',
    );
  });

  it('writes the export object only after exportImageMs', async () => {
    const env = simulatedEnv({ exportImageMs: 8_000 });
    const { exportImageTaskId } = await env.ports.ec2.exportImage(owner, {
      imageId: FX.linuxImageId,
      diskImageFormat: 'VMDK',
      s3ExportLocation: { s3Bucket: FX.exportBucket, s3Prefix: 'vm/' },
      roleName: 'vmimport',
    });
    assert.deepEqual(env.world.snapshot().s3Objects, []);
    assert.equal(env.world.snapshot().exportTasks[0]!.status, 'active');
    env.clock.advance(8_000);
    const snap = env.world.snapshot();
    assert.equal(snap.exportTasks[0]!.status, 'completed');
    assert.deepEqual(
      snap.s3Objects.map((o) => o.key),
      [`vm/${exportImageTaskId}.vmdk`],
    );
  });

  it('reports fast launch enabling for fastLaunchMs, then enabled', async () => {
    const env = simulatedEnv({ fastLaunchMs: 2_000 });
    const r = await env.ports.ec2.enableFastLaunch(owner, { imageId: FX.windowsImageId, maxParallelLaunches: 10 });
    assert.equal(r.state, 'enabling');
    env.clock.advance(2_000);
    const fl = env.world.snapshot().images.find((i) => i.imageId === FX.windowsImageId)!.fastLaunch;
    assert.deepEqual(fl, { state: 'enabled', targetResourceCount: 5, maxParallelLaunches: 10, launchTemplate: null });
  });

  it('applies timings changed at run time to work started afterwards', async () => {
    const env = simulatedEnv({ copyImageMs: 0 });
    env.world.setTimings({ copyImageMs: 7_000 });
    const { imageId } = await env.ports.ec2.copyImage(ownerEu, { sourceImageId: FX.linuxImageId, sourceRegion: FX.region, name: 'late' });
    env.clock.advance(6_999);
    assert.equal((await env.ports.ec2.describeImages(ownerEu, { imageIds: [imageId] })).images[0]!.state, 'pending');
  });
});
