// SSM Parameter Store over the wire (SDK v3 SSMClient): StringList and SecureString (KMS key,
// WithDecryption), Overwrite keeping every version for GetParameterHistory, labels and
// `name:label` selectors, DescribeParameters filters — and each rejected write changing nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
let ssm: SSMClient;
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );
/** Every version (all pages: at most 50 a page) as [version, value, labels]. */
async function history(Name: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  let NextToken: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await ssm.send(new GetParameterHistoryCommand({ Name, WithDecryption: true, ...(NextToken ? { NextToken } : {}) }));
    out.push(...page.Parameters!.map((p) => [p.Version, p.Value, p.Labels]));
    NextToken = page.NextToken;
    if (!NextToken) break;
  }
  return out;
}

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
  ssm = new SSMClient({ endpoint: srv.url, region: FX.region, maxAttempts: 1, credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' } });
});
after(async () => {
  ssm?.destroy();
  await srv?.close();
});

describe('SSM parameter types', () => {
  it('keeps a StringList as its comma-separated value', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/t/list', Value: 'a,b,c', Type: 'StringList', Description: 'three' }));
    const p = (await ssm.send(new GetParameterCommand({ Name: '/t/list' }))).Parameter!;
    assert.deepEqual([p.Type, p.Value, p.Version, p.DataType], ['StringList', 'a,b,c', 1, 'text']);
    const err = await failure(
      ssm.send(new PutParameterCommand({ Name: '/t/list-ami', Value: FX.linuxImageId, Type: 'StringList', DataType: 'aws:ec2:image' })),
    );
    assert.equal(err.name, 'ValidationException');
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/t/list-ami' })))).name, 'ParameterNotFound');
  });

  it('encrypts a SecureString with alias/aws/ssm by default; the value only WithDecryption', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/t/secret', Value: 'hunter2', Type: 'SecureString' }));
    const sealed = (await ssm.send(new GetParameterCommand({ Name: '/t/secret' }))).Parameter!;
    assert.equal(sealed.Type, 'SecureString');
    assert.notEqual(sealed.Value, 'hunter2');
    assert.doesNotMatch(Buffer.from(sealed.Value!, 'base64').toString('latin1'), /hunter2/);
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/t/secret', WithDecryption: true }))).Parameter!.Value, 'hunter2');
    const many = await ssm.send(new GetParametersCommand({ Names: ['/t/secret', '/t/list'], WithDecryption: true }));
    assert.deepEqual(
      many.Parameters!.map((p) => [p.Name, p.Value]),
      [
        ['/t/secret', 'hunter2'],
        ['/t/list', 'a,b,c'],
      ],
    );
    const byPath = await ssm.send(new GetParametersByPathCommand({ Path: '/t' }));
    assert.notEqual(byPath.Parameters!.find((p) => p.Name === '/t/secret')!.Value, 'hunter2');
    const meta = (await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/t/secret'] }] }))).Parameters!;
    assert.deepEqual(
      meta.map((m) => [m.Type, m.KeyId]),
      [['SecureString', 'alias/aws/ssm']],
    );
  });

  it('uses the customer key it names, and refuses a key that does not exist (InvalidKeyId) or KeyId on a String', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/t/cmk', Value: 'v1', Type: 'SecureString', KeyId: FX.kmsKeyId }));
    assert.equal(
      (await ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'KeyId', Values: [FX.kmsKeyId] }] }))).Parameters!.map((p) => p.Name).join(),
      '/t/cmk',
    );
    const bad = await failure(ssm.send(new PutParameterCommand({ Name: '/t/nokey', Value: 'v', Type: 'SecureString', KeyId: 'alias/does-not-exist' })));
    assert.equal(bad.name, 'InvalidKeyId');
    assert.equal(bad.$metadata.httpStatusCode, 400);
    const str = await failure(ssm.send(new PutParameterCommand({ Name: '/t/str-key', Value: 'v', Type: 'String', KeyId: FX.kmsKeyId })));
    assert.equal(str.name, 'ValidationException');
    for (const n of ['/t/nokey', '/t/str-key']) assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: n })))).name, 'ParameterNotFound');
  });

  it('needs a Type to create, and checks AllowedPattern against the whole value', async () => {
    assert.equal((await failure(ssm.send(new PutParameterCommand({ Name: '/t/untyped', Value: 'v' })))).name, 'ValidationException');
    await ssm.send(new PutParameterCommand({ Name: '/t/port', Value: '8080', Type: 'String', AllowedPattern: '\\d+' }));
    const mismatch = await failure(ssm.send(new PutParameterCommand({ Name: '/t/port', Value: '80a', Overwrite: true })));
    assert.equal(mismatch.name, 'ParameterPatternMismatchException');
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/t/port' }))).Parameter!.Version, 1);
  });
});

describe('SSM versions and labels', () => {
  it('keeps every version for GetParameterHistory; Overwrite keeps the type and key; name:version reads an old one', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/v/app', Value: 'one', Type: 'SecureString', Description: 'first' }));
    const v2 = await ssm.send(new PutParameterCommand({ Name: '/v/app', Value: 'two', Overwrite: true }));
    assert.equal(v2.Version, 2);
    await ssm.send(new PutParameterCommand({ Name: '/v/app', Value: 'three', Overwrite: true, Description: 'third' }));
    assert.deepEqual(await history('/v/app'), [
      [1, 'one', []],
      [2, 'two', []],
      [3, 'three', []],
    ]);
    const h = (await ssm.send(new GetParameterHistoryCommand({ Name: '/v/app' }))).Parameters!;
    assert.deepEqual(
      h.map((p) => [p.Type, p.KeyId, p.Description]),
      [
        ['SecureString', 'alias/aws/ssm', 'first'],
        ['SecureString', 'alias/aws/ssm', 'first'],
        ['SecureString', 'alias/aws/ssm', 'third'],
      ],
    );
    assert.ok(
      h.every((p) => !['one', 'two', 'three'].includes(p.Value!)),
      'history values are sealed without WithDecryption',
    );
    const old = (await ssm.send(new GetParameterCommand({ Name: '/v/app:1', WithDecryption: true }))).Parameter!;
    assert.deepEqual([old.Value, old.Version, old.Selector], ['one', 1, ':1']);
    const page = await ssm.send(new GetParameterHistoryCommand({ Name: '/v/app', MaxResults: 2 }));
    assert.deepEqual(
      page.Parameters!.map((p) => p.Version),
      [1, 2],
    );
    const rest = await ssm.send(new GetParameterHistoryCommand({ Name: '/v/app', NextToken: page.NextToken }));
    assert.deepEqual([rest.Parameters!.map((p) => p.Version), rest.NextToken], [[3], undefined]);
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/v/app:9' })))).name, 'ParameterVersionNotFound');
  });

  it('Overwrite may change the Type but never the DataType (ValidationException, nothing written)', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/dt/typed', Value: 'plain', Type: 'String' }));
    const secured = await ssm.send(new PutParameterCommand({ Name: '/dt/typed', Value: 'secret', Type: 'SecureString', Overwrite: true }));
    assert.equal(secured.Version, 2);
    const back = await ssm.send(new PutParameterCommand({ Name: '/dt/typed', Value: 'plain again', Type: 'String', Overwrite: true }));
    assert.equal(back.Version, 3);
    assert.deepEqual(
      (await ssm.send(new GetParameterHistoryCommand({ Name: '/dt/typed' }))).Parameters!.map((p) => [p.Type, p.DataType]),
      [
        ['String', 'text'],
        ['SecureString', 'text'],
        ['String', 'text'],
      ],
    );

    await ssm.send(new PutParameterCommand({ Name: '/dt/ami', Value: FX.linuxImageId, Type: 'String', DataType: 'aws:ec2:image' }));
    const toText = await failure(ssm.send(new PutParameterCommand({ Name: '/dt/ami', Value: 'not-an-ami', Overwrite: true, DataType: 'text' })));
    assert.deepEqual(
      [toText.name, toText.$metadata.httpStatusCode, toText.message],
      [
        'ValidationException',
        400,
        "The data type of parameter /dt/ami is aws:ec2:image and can't be changed to text: delete the parameter and create it again with the new data type.",
      ],
    );
    const toImage = await failure(
      ssm.send(new PutParameterCommand({ Name: '/dt/typed', Value: FX.linuxImageId, Type: 'String', Overwrite: true, DataType: 'aws:ec2:image' })),
    );
    assert.equal(toImage.name, 'ValidationException');
    // Nothing was written; an Overwrite that leaves DataType out keeps the parameter's own.
    const ami = (await ssm.send(new GetParameterCommand({ Name: '/dt/ami' }))).Parameter!;
    assert.deepEqual([ami.Version, ami.Value, ami.DataType], [1, FX.linuxImageId, 'aws:ec2:image']);
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/dt/typed' }))).Parameter!.Version, 3);
    const kept = await ssm.send(new PutParameterCommand({ Name: '/dt/ami', Value: FX.windowsImageId, Overwrite: true }));
    assert.equal(kept.Version, 2);
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/dt/ami' }))).Parameter!.DataType, 'aws:ec2:image');
    await ssm.send(new DeleteParameterCommand({ Name: '/dt/ami' }));
  });

  it('labels a version, moves a label between versions, reads name:label, and answers malformed labels in InvalidLabels', async () => {
    const out = await ssm.send(new LabelParameterVersionCommand({ Name: '/v/app', ParameterVersion: 1, Labels: ['prod', '1bad', 'awsy'] }));
    assert.deepEqual([out.ParameterVersion, out.InvalidLabels], [1, ['1bad', 'awsy']]);
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/v/app:prod', WithDecryption: true }))).Parameter!.Value, 'one');
    // Without ParameterVersion the latest version gets the label; it leaves version 1.
    assert.equal((await ssm.send(new LabelParameterVersionCommand({ Name: '/v/app', Labels: ['prod'] }))).ParameterVersion, 3);
    assert.deepEqual(await history('/v/app'), [
      [1, 'one', []],
      [2, 'two', []],
      [3, 'three', ['prod']],
    ]);
    const byLabel = await ssm.send(
      new GetParametersByPathCommand({ Path: '/v', ParameterFilters: [{ Key: 'Label', Values: ['prod'] }], WithDecryption: true }),
    );
    assert.deepEqual(
      byLabel.Parameters!.map((p) => [p.Name, p.Value]),
      [['/v/app', 'three']],
    );
    assert.equal(
      (await failure(ssm.send(new LabelParameterVersionCommand({ Name: '/v/app', ParameterVersion: 7, Labels: ['x'] })))).name,
      'ParameterVersionNotFound',
    );
    assert.equal((await failure(ssm.send(new LabelParameterVersionCommand({ Name: '/v/none', Labels: ['x'] })))).name, 'ParameterNotFound');
    const ten = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'];
    await ssm.send(new LabelParameterVersionCommand({ Name: '/v/app', ParameterVersion: 2, Labels: ten }));
    const tooMany = await failure(ssm.send(new LabelParameterVersionCommand({ Name: '/v/app', ParameterVersion: 2, Labels: ['b1'] })));
    assert.equal(tooMany.name, 'ParameterVersionLabelLimitExceeded');
    assert.deepEqual((await history('/v/app'))[1], [2, 'two', ten]);
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/v/app:b1' })))).name, 'ParameterVersionNotFound');
  });
});

describe('SSM version limit', () => {
  it('keeps 100 versions, dropping the oldest — unless it is labelled (ParameterMaxVersionLimitExceeded, nothing written)', async () => {
    for (let i = 1; i <= 101; i++) await ssm.send(new PutParameterCommand({ Name: '/lim/free', Value: `v${i}`, Type: 'String', Overwrite: i > 1 }));
    const kept = (await history('/lim/free')).map(([v]) => v);
    assert.deepEqual([kept.length, kept[0], kept[99]], [100, 2, 101]);
    for (let i = 1; i <= 100; i++) await ssm.send(new PutParameterCommand({ Name: '/lim/held', Value: `v${i}`, Type: 'String', Overwrite: i > 1 }));
    await ssm.send(new LabelParameterVersionCommand({ Name: '/lim/held', ParameterVersion: 1, Labels: ['keep'] }));
    const err = await failure(ssm.send(new PutParameterCommand({ Name: '/lim/held', Value: 'v101', Overwrite: true })));
    assert.equal(err.name, 'ParameterMaxVersionLimitExceeded');
    assert.equal((await ssm.send(new GetParameterCommand({ Name: '/lim/held' }))).Parameter!.Version, 100);
  });
});

describe('SSM DescribeParameters filters', () => {
  it('filters by Type, Path, Name Contains, tag and DataType; refuses Filters with ParameterFilters and bad options', async () => {
    await ssm.send(
      new PutParameterCommand({ Name: '/f/ami', Value: FX.linuxImageId, Type: 'String', DataType: 'aws:ec2:image', Tags: [{ Key: 'team', Value: 'a' }] }),
    );
    const names = async (ParameterFilters: { Key: string; Option?: string; Values?: string[] }[]) =>
      (await ssm.send(new DescribeParametersCommand({ ParameterFilters }))).Parameters!.map((p) => p.Name);
    assert.deepEqual(await names([{ Key: 'Type', Values: ['StringList'] }]), ['/t/list']);
    assert.deepEqual(await names([{ Key: 'Path', Option: 'Recursive', Values: ['/v'] }]), ['/v/app']);
    assert.deepEqual(await names([{ Key: 'Name', Option: 'Contains', Values: ['secr'] }]), ['/t/secret']);
    assert.deepEqual(await names([{ Key: 'tag:team', Values: ['a'] }]), ['/f/ami']);
    assert.deepEqual(await names([{ Key: 'DataType', Values: ['aws:ec2:image'] }]), ['/f/ami']);
    assert.deepEqual(
      (await ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['StringList'] }] }))).Parameters!.map((p) => p.Name),
      ['/t/list'],
    );
    const both = await failure(
      ssm.send(new DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['String'] }], ParameterFilters: [{ Key: 'Type', Values: ['String'] }] })),
    );
    assert.deepEqual([both.name, both.message], ['ValidationException', 'You can use either Filters or ParameterFilters in a single request.']);
    assert.equal((await failure(names([{ Key: 'Label', Values: ['prod'] }]))).name, 'InvalidFilterKey');
    assert.equal((await failure(names([{ Key: 'Path', Option: 'Deep', Values: ['/v'] }]))).name, 'InvalidFilterOption');
    assert.equal((await failure(names([{ Key: 'Type', Values: ['Number'] }]))).name, 'InvalidFilterOption');
    assert.equal((await failure(names([{ Key: 'Type' }]))).name, 'InvalidFilterValue');
    assert.equal(
      (
        await failure(
          names([
            { Key: 'Type', Values: ['String'] },
            { Key: 'Type', Values: ['SecureString'] },
          ]),
        )
      ).name,
      'InvalidFilterKey',
    );
  });
});
