// The world's AWS APIs share the one world state: what a wire call changes, the admin API sees at
// once; faults and timings set through /_ibex/ apply to wire calls; and wire-made resources
// survive a restart of ibex on the same data directory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CopyImageCommand, DescribeImagesCommand, EC2Client, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
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
const admin = async (path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(
    `${srv.url}${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  assert.ok(res.ok, `${path}: HTTP ${res.status}`);
  return res.json();
};

describe('one world behind the wire API and the admin API', () => {
  before(async () => (srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() })));
  after(() => srv?.close());

  it('shows an AMI registered over the wire in GET /_ibex/world at once', async () => {
    const ec2 = new EC2Client(cfg());
    const id = (await ec2.send(new RegisterImageCommand({ Name: 'seen-by-admin' }))).ImageId!;
    const world = (await admin(`/_ibex/world?accountId=${FX.owner}&region=${FX.region}`)) as { images: { imageId: string; name: string }[] };
    assert.deepEqual(
      world.images.filter((i) => i.imageId === id).map((i) => i.name),
      ['seen-by-admin'],
    );
    ec2.destroy();
  });

  it('applies a fault to the named wire call only, as often as asked, in the service’s own format', async () => {
    const ssm = new SSMClient(cfg());
    await admin('/_ibex/faults', { service: 'ssm', operation: 'PutParameter', error: 'InternalServerError', times: 1 });
    await admin('/_ibex/faults', { service: 'iam', operation: 'CreateRole', accountId: FX.member, error: 'Throttling', times: 1 });
    const err = await failure(ssm.send(new PutParameterCommand({ Name: '/faulted', Value: 'v', Type: 'String' })));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['InternalServerError', 500]);
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/faulted' })))).name, 'ParameterNotFound');
    assert.equal((await ssm.send(new PutParameterCommand({ Name: '/faulted', Value: 'v', Type: 'String' }))).Version, 1);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'sts:AssumeRole' }],
    });
    const iam = new IAMClient(cfg(FX.member));
    assert.equal((await failure(iam.send(new CreateRoleCommand({ RoleName: 'after-fault', AssumeRolePolicyDocument: trust })))).name, 'Throttling');
    await iam.send(new CreateRoleCommand({ RoleName: 'after-fault', AssumeRolePolicyDocument: trust }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'after-fault' }))).Role!.RoleName, 'after-fault');
    for (const c of [ssm, iam]) c.destroy();
  });

  it('applies timings to wire calls: a copy is pending until the world’s clock passes copyImageMs', async () => {
    await admin('/_ibex/timings', { copyImageMs: 60_000 });
    const ec2 = new EC2Client(cfg());
    const { ImageId } = await ec2.send(new CopyImageCommand({ Name: 'timed-copy', SourceImageId: FX.linuxImageId, SourceRegion: FX.region }));
    const state = async () => (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]!.State;
    assert.equal(await state(), 'pending');
    await admin('/_ibex/clock', { advance: '2m' });
    assert.equal(await state(), 'available');
    await admin('/_ibex/timings', { copyImageMs: 0 });
    ec2.destroy();
  });
});

describe('wire-made resources across a restart', () => {
  it('keeps an AMI, a parameter and a role made over the wire', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ibex-wire-persist-'));
    srv = await startServer({ dataDir, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
    const ec2 = new EC2Client(cfg());
    const imageId = (await ec2.send(new RegisterImageCommand({ Name: 'kept-ami' }))).ImageId!;
    await new SSMClient(cfg()).send(new PutParameterCommand({ Name: '/kept', Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FX.owner}:root` }, Action: 'sts:AssumeRole' }],
    });
    await new IAMClient(cfg(FX.member)).send(new CreateRoleCommand({ RoleName: 'kept-role', AssumeRolePolicyDocument: trust }));
    await srv.close();

    srv = await startServer({ dataDir, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
    try {
      const img = (await new EC2Client(cfg()).send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images![0]!;
      assert.deepEqual([img.Name, img.State], ['kept-ami', 'available']);
      const p = (await new SSMClient(cfg()).send(new GetParameterCommand({ Name: '/kept' }))).Parameter!;
      assert.deepEqual([p.Value, p.DataType, p.Version], [imageId, 'aws:ec2:image', 1]);
      assert.equal(
        (await new IAMClient(cfg(FX.member)).send(new GetRoleCommand({ RoleName: 'kept-role' }))).Role!.Arn,
        `arn:aws:iam::${FX.member}:role/kept-role`,
      );
    } finally {
      await srv.close();
    }
  });
});
