// EC2 Windows fast launch over the wire: EnableFastLaunch → DescribeFastLaunchImages →
// DisableFastLaunch (`disabling`, recorded in the world) → gone once fastLaunchMs has passed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeFastLaunchImagesCommand, DisableFastLaunchCommand, EC2Client, EnableFastLaunchCommand } from '@aws-sdk/client-ec2';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
const cfg = (accountId: string = FX.owner) => ({
  endpoint: srv.url,
  region: FX.region,
  maxAttempts: 1,
  credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
});
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );
const post = async (path: string, body: unknown): Promise<unknown> =>
  (await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
const worldFastLaunch = async (imageId: string): Promise<unknown> => {
  const w = (await (await fetch(`${srv.url}/_ibex/world`)).json()) as { images: { imageId: string; fastLaunch: unknown }[] };
  return w.images.find((i) => i.imageId === imageId)?.fastLaunch;
};

before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec({ fastLaunchMs: 60_000 }) })));
after(() => srv?.close());

describe('EC2 DisableFastLaunch', () => {
  it('answers disabling, keeps the image listed as disabling until fastLaunchMs has passed, then lists it no more', async () => {
    const ec2 = new EC2Client(cfg());
    const enabled = await ec2.send(new EnableFastLaunchCommand({ ImageId: FX.windowsImageId, MaxParallelLaunches: 6 }));
    assert.equal(enabled.State, 'enabling');
    await post('/_ibex/clock', { advance: '2m' });
    const out = await ec2.send(new DisableFastLaunchCommand({ ImageId: FX.windowsImageId }));
    assert.equal(out.ImageId, FX.windowsImageId);
    assert.equal(out.State, 'disabling');
    assert.equal(out.OwnerId, FX.owner);
    assert.equal(out.ResourceType, 'snapshot');
    assert.equal(out.MaxParallelLaunches, 6);
    assert.deepEqual(out.SnapshotConfiguration, { TargetResourceCount: 5 });
    assert.ok(out.StateTransitionTime instanceof Date);
    const listed = await ec2.send(new DescribeFastLaunchImagesCommand({ ImageIds: [FX.windowsImageId] }));
    assert.deepEqual(
      listed.FastLaunchImages!.map((f) => f.State),
      ['disabling'],
    );
    assert.equal(((await worldFastLaunch(FX.windowsImageId)) as { state: string }).state, 'disabling');
    // Enabling again must wait for the clean-up; disabling twice is refused.
    const again = await failure(ec2.send(new EnableFastLaunchCommand({ ImageId: FX.windowsImageId, MaxParallelLaunches: 6 })));
    assert.equal(again.name, 'IncorrectState');
    const twice = await failure(ec2.send(new DisableFastLaunchCommand({ ImageId: FX.windowsImageId })));
    assert.equal(twice.name, 'InvalidParameterValue');
    assert.match(twice.message, /already being disabled/);
    await post('/_ibex/clock', { advance: '2m' });
    assert.deepEqual((await ec2.send(new DescribeFastLaunchImagesCommand({}))).FastLaunchImages, []);
    assert.equal(await worldFastLaunch(FX.windowsImageId), null);
    // Once off, it can be enabled again.
    assert.equal((await ec2.send(new EnableFastLaunchCommand({ ImageId: FX.windowsImageId, MaxParallelLaunches: 7 }))).State, 'enabling');
    ec2.destroy();
  });

  it('refuses an image without fast launch, a malformed id, another account’s image and a dry run, changing nothing', async () => {
    const ec2 = new EC2Client(cfg());
    const off = await failure(ec2.send(new DisableFastLaunchCommand({ ImageId: FX.linuxImageId })));
    assert.equal(off.name, 'InvalidParameterValue');
    assert.match(off.message, /Fast launch is not enabled for image ami-0123456789abcdef0/);
    assert.equal((await failure(ec2.send(new DisableFastLaunchCommand({ ImageId: 'ami-nope' })))).name, 'InvalidAMIID.Malformed');
    assert.equal((await failure(ec2.send(new DisableFastLaunchCommand({ ImageId: 'ami-0000000000000beef' })))).name, 'InvalidAMIID.NotFound');
    const dry = await failure(ec2.send(new DisableFastLaunchCommand({ ImageId: FX.windowsImageId, DryRun: true })));
    assert.equal(dry.name, 'DryRunOperation');
    assert.deepEqual(
      (await ec2.send(new DescribeFastLaunchImagesCommand({}))).FastLaunchImages!.map((f) => f.State),
      ['enabling'],
    );
    ec2.destroy();
    const member = new EC2Client(cfg(FX.member));
    const missing = await failure(member.send(new DisableFastLaunchCommand({ ImageId: FX.windowsImageId })));
    assert.ok(['InvalidAMIID.NotFound', 'AuthFailure'].includes(missing.name), missing.name);
    member.destroy();
  });
});
