// DescribeImages over the wire as the issue lists it: each supported filter (tag:K, tag-key,
// image-id, owner-id, is-public, state, platform), IncludeDeprecated for a consumer, and in the
// starter world Owners=amazon with the public SSM parameters naming Amazon's images.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  ModifyImageAttributeCommand,
  RegisterImageCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { STARTER } from '../../src/world/starter.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

describe('DescribeImages filters and IncludeDeprecated (fixture world)', () => {
  let srv: IbexServer;
  const cfg = (accountId: string = FX.owner) => ({
    endpoint: srv.url,
    region: FX.region,
    maxAttempts: 1,
    credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
  });
  before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() })));
  after(() => srv?.close());

  it('narrows by every supported filter, values within a filter OR-ed, filters AND-ed', async () => {
    const ec2 = new EC2Client(cfg());
    const a = (await ec2.send(new RegisterImageCommand({ Name: 'flt-a' }))).ImageId!;
    const b = (await ec2.send(new RegisterImageCommand({ Name: 'flt-b' }))).ImageId!;
    await ec2.send(new CreateTagsCommand({ Resources: [a], Tags: [{ Key: 'team', Value: 'red' }] }));
    await ec2.send(
      new CreateTagsCommand({
        Resources: [b],
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'solo', Value: '' },
        ],
      }),
    );
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: b, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const ids = async (Filters: Filter[]) =>
      (await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['flt-*'] }, ...Filters] })))
        .Images!.map((i) => i.ImageId)
        .sort();
    assert.deepEqual(await ids([{ Name: 'tag:team', Values: ['red'] }]), [a]);
    assert.deepEqual(await ids([{ Name: 'tag:team', Values: ['red', 'blue'] }]), [a, b].sort());
    assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['solo'] }]), [b]);
    assert.deepEqual(await ids([{ Name: 'image-id', Values: [a] }]), [a]);
    assert.deepEqual(await ids([{ Name: 'owner-id', Values: [FX.owner] }]), [a, b].sort());
    assert.deepEqual(await ids([{ Name: 'owner-id', Values: [FX.member] }]), []);
    assert.deepEqual(await ids([{ Name: 'is-public', Values: ['true'] }]), [b]);
    assert.deepEqual(
      await ids([
        { Name: 'is-public', Values: ['false'] },
        { Name: 'state', Values: ['available'] },
      ]),
      [a],
    );
    assert.deepEqual(await ids([{ Name: 'platform', Values: ['windows'] }]), []);
    const windows = (
      await ec2.send(
        new DescribeImagesCommand({
          Filters: [
            { Name: 'platform', Values: ['windows'] },
            { Name: 'owner-id', Values: [FX.owner] },
          ],
        }),
      )
    ).Images!.map((i) => i.ImageId);
    assert.ok(windows.includes(FX.windowsImageId) && !windows.includes(FX.linuxImageId));
    ec2.destroy();
  });

  it('hides a deprecated shared AMI from a consumer’s listing unless IncludeDeprecated; by id it is shown', async () => {
    const owner = new EC2Client(cfg());
    const member = new EC2Client(cfg(FX.member));
    const id = (await owner.send(new RegisterImageCommand({ Name: 'dep-shared' }))).ImageId!;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ UserId: FX.member }] } }));
    const clock = (await (await fetch(`${srv.url}/_ibex/clock`)).json()) as { now: string };
    await owner.send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(Date.parse(clock.now) + 60_000) }));
    const listed = async (c: EC2Client, includeDeprecated?: boolean) =>
      (
        await c.send(
          new DescribeImagesCommand({
            Filters: [{ Name: 'name', Values: ['dep-shared'] }],
            ...(includeDeprecated !== undefined ? { IncludeDeprecated: includeDeprecated } : {}),
          }),
        )
      ).Images!.map((i) => i.ImageId);
    assert.deepEqual(await listed(member), [id]);
    const moved = await fetch(`${srv.url}/_ibex/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: '2m' }),
    });
    assert.equal(moved.status, 200);
    assert.deepEqual(await listed(member), []);
    assert.deepEqual(await listed(member, true), [id]);
    assert.deepEqual(await listed(owner), [id]);
    const byId = (await member.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!;
    assert.ok(byId.DeprecationTime && Date.parse(byId.DeprecationTime) <= Date.parse(clock.now) + 120_000);
    for (const c of [owner, member]) c.destroy();
  });
});

describe('Amazon’s images and public parameters (starter world)', () => {
  let srv: IbexServer;
  before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent' })));
  after(() => srv?.close());

  it('finds Amazon’s AMIs with Owners=amazon, and the public parameters name them for every account', async () => {
    const cfg = { endpoint: srv.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: STARTER.prodAccountId, secretAccessKey: 'x' } };
    const ec2 = new EC2Client(cfg);
    const amazon = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images!;
    assert.ok(amazon.length > 0);
    assert.ok(amazon.every((i) => i.ImageOwnerAlias === 'amazon' && i.OwnerId === STARTER.amazonAccountId && i.Public === true));
    const ssm = new SSMClient(cfg);
    const al = (await ssm.send(new GetParameterCommand({ Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' }))).Parameter!;
    const alImage = amazon.find((i) => i.ImageId === al.Value);
    assert.ok(alImage, `${al.Value} is one of Amazon's AMIs`);
    assert.equal(alImage!.Platform, undefined);
    const win = (await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service/ami-windows-latest' }))).Parameters!;
    assert.ok(win.length > 0);
    for (const p of win) assert.equal(amazon.find((i) => i.ImageId === p.Value)?.Platform, 'windows', p.Name);
    for (const c of [ec2, ssm]) c.destroy();
  });
});
