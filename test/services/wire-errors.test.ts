// Each world service's errors in its own wire format, as the AWS SDK v3 clients and the AWS CLI
// read them — code, message and HTTP status — and the raw bodies for the formats themselves.
// Also: unimplemented operations, S3 addressing (path and virtual-hosted), strict auth, and the
// console still at `/`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { CopyImageCommand, DescribeImagesCommand, EC2Client, ModifyImageAttributeCommand, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { CreateAliasCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';
import { cliConfigDir } from '../helpers/aws-cli.js';

let srv: IbexServer;
let strict: IbexServer;
const cfg = (accountId: string = FX.owner, region = 'us-east-1') => ({
  endpoint: srv.url,
  region,
  maxAttempts: 1,
  credentials: { accessKeyId: accountId, secretAccessKey: 'x' },
});
type WireErr = Error & { $metadata: { httpStatusCode?: number }; Code?: string };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
  const dir = mkdtempSync(join(tmpdir(), 'ibex-strict-'));
  writeFileSync(join(dir, 'creds.yaml'), `credentials:\n  - {accessKeyId: AKIAOWNER, secretAccessKey: owner-secret, accountId: "${FX.owner}"}\n`);
  strict = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec(), strictAuthFile: join(dir, 'creds.yaml') });
});
after(async () => {
  await srv?.close();
  await strict?.close();
});

/** A SigV4-signed raw request, to read the wire format itself. */
async function signed(
  service: string,
  body: string,
  headers: Record<string, string>,
  path = '/',
  method = 'POST',
): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(path, srv.url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' }, sha256: Sha256 });
  const req = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, ...headers },
    body,
    query: Object.fromEntries(url.searchParams),
  });
  const res = await fetch(url, { method, headers: req.headers as Record<string, string>, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('EC2 errors (ec2 protocol)', () => {
  it('answers InvalidAMIID.NotFound and .Malformed with 400 and AWS’s messages', async () => {
    const ec2 = new EC2Client(cfg());
    const nf = await failure(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdeff'] })));
    assert.equal(nf.name, 'InvalidAMIID.NotFound');
    assert.equal(nf.message, "The image id '[ami-0123456789abcdeff]' does not exist");
    assert.equal(nf.$metadata.httpStatusCode, 400);
    const bad = await failure(ec2.send(new DescribeImagesCommand({ ImageIds: ['image-1'] })));
    assert.equal(bad.name, 'InvalidAMIID.Malformed');
    ec2.destroy();
  });

  it('answers InvalidAMIName.Duplicate for a taken name, and registers nothing', async () => {
    const ec2 = new EC2Client(cfg());
    const err = await failure(ec2.send(new RegisterImageCommand({ Name: 'base-linux' })));
    assert.equal(err.name, 'InvalidAMIName.Duplicate');
    assert.equal(err.message, `AMI name base-linux is already in use by AMI ${FX.linuxImageId}`);
    const own = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['base-linux'] }] }));
    assert.deepEqual(
      own.Images!.map((i) => i.ImageId),
      [FX.linuxImageId],
    );
    ec2.destroy();
  });

  it('answers MissingParameter for a missing required member, and the body is <Response><Errors>…<RequestID>', async () => {
    const out = await signed('ec2', 'Action=CopyImage&Version=2016-11-15&Name=x', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    assert.equal(out.status, 400);
    assert.match(
      out.text,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>MissingParameter<\/Code><Message>The request must contain the parameter SourceImageId<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
  });

  it('answers InvalidAction for an action it does not know, UnknownParameter for an unknown key', async () => {
    const unknown = await signed('ec2', 'Action=RunInstances&Version=2016-11-15', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /<Code>InvalidAction<\/Code><Message>The action RunInstances is not valid for this web service\.<\/Message>/);
    const param = await signed('ec2', 'Action=DescribeImages&Version=2016-11-15&Bogus=1', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.match(param.text, /<Code>UnknownParameter<\/Code><Message>The parameter Bogus is not recognized<\/Message>/);
  });

  it('holds the model’s enums (InvalidParameterValue) and refuses empty or aws: tag keys, changing nothing', async () => {
    const ec2 = new EC2Client(cfg());
    const { CreateTagsCommand, EnableImageBlockPublicAccessCommand, GetImageBlockPublicAccessStateCommand } = await import('@aws-sdk/client-ec2');
    const arch = await failure(ec2.send(new RegisterImageCommand({ Name: 'enum-arch', Architecture: 'sparc' as 'x86_64' })));
    assert.deepEqual([arch.name, arch.$metadata.httpStatusCode], ['InvalidParameterValue', 400]);
    assert.match(
      arch.message,
      /^Value \(sparc\) for parameter Architecture is invalid\. Member must satisfy enum value set: \[i386, x86_64, arm64, x86_64_mac, arm64_mac\]\.$/,
    );
    assert.deepEqual((await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['enum-arch'] }] }))).Images, []);
    const bpa = await failure(ec2.send(new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'open' as 'block-new-sharing' })));
    assert.equal(bpa.name, 'InvalidParameterValue');
    assert.equal((await ec2.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState, 'unblocked');
    const empty = await failure(ec2.send(new CreateTagsCommand({ Resources: [FX.linuxImageId], Tags: [{ Key: 'ok', Value: '1' }, { Value: 'no key' }] })));
    assert.deepEqual([empty.name, empty.message], ['InvalidParameterValue', "Value ( '' ) for parameter Tag key is invalid. Tag key cannot be null or empty."]);
    const reserved = await failure(ec2.send(new CreateTagsCommand({ Resources: [FX.linuxImageId], Tags: [{ Key: 'aws:owner', Value: 'me' }] })));
    assert.equal(reserved.name, 'InvalidTagKey.Malformed');
    const tags = (await ec2.send(new DescribeImagesCommand({ ImageIds: [FX.linuxImageId] }))).Images![0]!.Tags ?? [];
    assert.deepEqual(
      tags.filter((t) => ['ok', '', 'aws:owner'].includes(t.Key!)),
      [],
    );
    ec2.destroy();
  });

  it('refuses public sharing where block public access is on (OperationNotPermitted), changing nothing', async () => {
    const ec2 = new EC2Client(cfg(FX.owner, 'eu-west-1'));
    const err = await failure(ec2.send(new ModifyImageAttributeCommand({ ImageId: FX.blocked.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } })));
    assert.equal(err.name, 'OperationNotPermitted');
    assert.match(err.message, /block public access for AMIs is enabled/);
    const img = await ec2.send(new DescribeImagesCommand({ ImageIds: [FX.blocked.imageId] }));
    assert.equal(img.Images![0]!.Public, false);
    ec2.destroy();
  });

  it('answers DryRunOperation (412) for a CopyImage that would succeed, and copies nothing', async () => {
    const ec2 = new EC2Client(cfg(FX.owner, 'us-west-2'));
    const before = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!.length;
    const err = await failure(ec2.send(new CopyImageCommand({ Name: 'dry-copy', SourceImageId: FX.linuxImageId, SourceRegion: 'us-east-1', DryRun: true })));
    assert.equal(err.name, 'DryRunOperation');
    assert.equal(err.$metadata.httpStatusCode, 412);
    assert.equal((await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images!.length, before);
    ec2.destroy();
  });
});

describe('JSON 1.1 errors (SSM, ECR, KMS)', () => {
  it('answers ParameterNotFound as {"__type","message"} with x-amzn-ErrorType', async () => {
    const out = await signed('ssm', JSON.stringify({ Name: '/nope' }), {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonSSM.GetParameter',
    });
    assert.equal(out.status, 400);
    assert.equal(out.headers.get('x-amzn-errortype'), 'ParameterNotFound');
    assert.equal(JSON.parse(out.text).__type, 'ParameterNotFound');
    const ssm = new SSMClient(cfg());
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/nope' })))).name, 'ParameterNotFound');
    ssm.destroy();
  });

  it('answers a model constraint with ValidationException in Coral’s words, and writes nothing', async () => {
    const ssm = new SSMClient(cfg());
    const err = await failure(ssm.send(new PutParameterCommand({ Name: 'x'.repeat(2049), Value: 'v', Type: 'String' })));
    assert.equal(err.name, 'ValidationException');
    assert.match(
      err.message,
      /^1 validation error detected: Value '.+' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    );
    const bad = await failure(
      ssm.send(new PutParameterCommand({ Name: '/ami/bad', Value: 'ami-0000000000000000f', Type: 'String', DataType: 'aws:ec2:image' })),
    );
    assert.equal(bad.name, 'ValidationException');
    assert.equal((await failure(ssm.send(new GetParameterCommand({ Name: '/ami/bad' })))).name, 'ParameterNotFound');
    ssm.destroy();
  });

  it('answers RepositoryNotFoundException, NotFoundException, AlreadyExistsException', async () => {
    const ecr = new ECRClient(cfg());
    assert.equal((await failure(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })))).name, 'RepositoryNotFoundException');
    ecr.destroy();
    const kms = new KMSClient(cfg());
    assert.equal((await failure(kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })))).name, 'NotFoundException');
    assert.equal(
      (await failure(kms.send(new CreateAliasCommand({ AliasName: 'alias/distribution', TargetKeyId: FX.kmsKeyId })))).name,
      'AlreadyExistsException',
    );
    const ebs = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
    assert.equal(ebs.KeyMetadata!.KeyManager, 'AWS');
    kms.destroy();
  });

  it('answers SerializationException (400) for a null body or a null list member, never a 500', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    const body = await signed('ssm', 'null', { ...json, 'x-amz-target': 'AmazonSSM.GetParameter' });
    assert.deepEqual([body.status, JSON.parse(body.text)], [400, { __type: 'SerializationException', message: "Expected object at 'body' but found null." }]);
    const member = await signed('ecr', JSON.stringify({ repositoryName: FX.ecrRepository, imageIds: [null] }), {
      ...json,
      'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.BatchDeleteImage',
    });
    assert.deepEqual(
      [member.status, JSON.parse(member.text)],
      [400, { __type: 'SerializationException', message: "Expected object at 'imageIds[0]' but found null." }],
    );
  });

  it('answers ECR’s InvalidParameterException for a manifest that is not JSON, and pushes nothing', async () => {
    const ecr = new ECRClient(cfg());
    const { PutImageCommand, ListImagesCommand } = await import('@aws-sdk/client-ecr');
    const before = (await ecr.send(new ListImagesCommand({ repositoryName: FX.ecrRepository }))).imageIds;
    const err = await failure(ecr.send(new PutImageCommand({ repositoryName: FX.ecrRepository, imageManifest: 'not json', imageTag: 'broken' })));
    assert.deepEqual(
      [err.name, err.message, err.$metadata.httpStatusCode],
      ['InvalidParameterException', "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'", 400],
    );
    assert.deepEqual((await ecr.send(new ListImagesCommand({ repositoryName: FX.ecrRepository }))).imageIds, before);
    ecr.destroy();
  });

  it('answers UnknownOperationException for a target it does not know', async () => {
    const out = await signed('ssm', '{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.SendCommand' });
    assert.equal(out.status, 400);
    assert.equal(JSON.parse(out.text).__type, 'UnknownOperationException');
  });
});

describe('query errors (STS, IAM)', () => {
  it('answers AccessDenied (403) as <ErrorResponse><Error><Type>Sender…', async () => {
    const out = await signed(
      'sts',
      `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(`arn:aws:iam::${FX.outsider}:role/x`)}&RoleSessionName=test`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    assert.equal(out.status, 403);
    assert.match(
      out.text,
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999988887777:role\/x/,
    );
    const iam = new IAMClient(cfg());
    const err = await failure(iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    assert.equal(err.name, 'NoSuchEntityException');
    assert.equal(err.message, 'The role with name nope cannot be found.');
    assert.equal(err.$metadata.httpStatusCode, 404);
    iam.destroy();
  });

  it('gives assumed-role credentials that act as the role in every service', async () => {
    const sts = new STSClient(cfg());
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${FX.member}:role/EC2ImageBuilderDistributionCrossAccountRole`, RoleSessionName: 'wire' }),
    );
    sts.destroy();
    const creds = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
    const as = new STSClient({ ...cfg(), credentials: creds });
    const who = await as.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, FX.member);
    assert.equal(who.Arn, `arn:aws:sts::${FX.member}:assumed-role/EC2ImageBuilderDistributionCrossAccountRole/wire`);
    as.destroy();
    const ssm = new SSMClient({ ...cfg(), credentials: creds });
    await ssm.send(new PutParameterCommand({ Name: '/via/role', Value: 'v', Type: 'String' }));
    ssm.destroy();
    const mine = new SSMClient(cfg(FX.member));
    assert.equal((await mine.send(new GetParameterCommand({ Name: '/via/role' }))).Parameter!.Value, 'v');
    mine.destroy();
  });
});

describe('S3 (rest-xml)', () => {
  it('answers NoSuchBucket and NoSuchKey (404) with <Error>, HEAD with a bare 404', async () => {
    const s3 = new S3Client({ ...cfg(), forcePathStyle: true });
    const nb = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-ibex' })));
    assert.equal(nb.name, 'NoSuchBucket');
    assert.equal(nb.$metadata.httpStatusCode, 404);
    const nk = await failure(s3.send(new GetObjectCommand({ Bucket: FX.exportBucket, Key: 'nope' })));
    assert.equal(nk.name, 'NoSuchKey');
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: FX.exportBucket, Key: 'nope' })));
    assert.equal(head.$metadata.httpStatusCode, 404);
    const denied = await failure(new S3Client({ ...cfg(FX.outsider), forcePathStyle: true }).send(new ListObjectsV2Command({ Bucket: FX.exportBucket })));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata.httpStatusCode, 403);
    s3.destroy();
  });

  it('answers CopyObject (a PUT with x-amz-copy-source) NotImplemented 501 and writes nothing', async () => {
    const s3 = new S3Client({ ...cfg(), forcePathStyle: true });
    const { CopyObjectCommand } = await import('@aws-sdk/client-s3');
    await s3.send(new PutObjectCommand({ Bucket: FX.exportBucket, Key: 'copy-src.txt', Body: 'source' }));
    const err = await failure(s3.send(new CopyObjectCommand({ Bucket: FX.exportBucket, Key: 'copy-dst.txt', CopySource: `${FX.exportBucket}/copy-src.txt` })));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['NotImplemented', 501]);
    assert.equal((await failure(s3.send(new HeadObjectCommand({ Bucket: FX.exportBucket, Key: 'copy-dst.txt' })))).$metadata.httpStatusCode, 404);
    s3.destroy();
  });

  it('stores and returns objects path-style and virtual-hosted (<bucket>.localhost)', async () => {
    const s3 = new S3Client({ ...cfg(), forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: FX.exportBucket, Key: 'dir/a b.txt', Body: 'hello', ContentType: 'text/plain' }));
    // Virtual-hosted style: the bucket in the Host header (`*.localhost` needs no DNS on most
    // systems; here the request goes to 127.0.0.1 with that Host).
    const port = Number(new URL(srv.url).port);
    const host = `${FX.exportBucket}.localhost:${port}`;
    const signer = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' },
      sha256: Sha256,
      uriEscapePath: false,
    });
    const req = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: `${FX.exportBucket}.localhost`,
      port,
      path: '/dir/a%20b.txt',
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const got = await new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port, path: '/dir/a%20b.txt', method: 'GET', headers: req.headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, type: String(res.headers['content-type']) }));
      });
      r.on('error', reject);
      r.end();
    });
    assert.deepEqual(got, { status: 200, body: 'hello', type: 'text/plain' });
    const list = await s3.send(new ListObjectsV2Command({ Bucket: FX.exportBucket, Prefix: 'dir/', Delimiter: '/' }));
    assert.deepEqual(
      list.Contents!.map((c) => [c.Key, c.Size]),
      [['dir/a b.txt', 5]],
    );
    s3.destroy();
  });

  it('answers the AWS CLI with AWS_ENDPOINT_URL alone: s3 ls, ec2 describe-images, an ssm error', async () => {
    const cliDir = cliConfigDir('ibex-world-cli-');
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
      AWS_ACCESS_KEY_ID: FX.owner,
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: srv.url,
      AWS_CONFIG_FILE: join(cliDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(cliDir, 'credentials'),
    };
    const run = (args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile('aws', args, { env, timeout: 60_000 }, (e, out, err) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err })),
      );
    const [ls, img, missing] = await Promise.all([
      run(['s3', 'ls']),
      run(['ec2', 'describe-images', '--owners', 'self', '--filters', 'Name=name,Values=base-*', '--output', 'json']),
      run(['ssm', 'get-parameter', '--name', '/nope']),
    ]);
    assert.equal(ls.code, 0, ls.err);
    assert.match(ls.out, new RegExp(` ${FX.exportBucket}\\n`));
    assert.equal(img.code, 0, img.err);
    assert.deepEqual(
      JSON.parse(img.out)
        .Images.map((i: { Name: string }) => i.Name)
        .sort(),
      ['base-encrypted', 'base-linux', 'base-private', 'base-windows'],
    );
    assert.notEqual(missing.code, 0);
    assert.match(missing.err, /\(ParameterNotFound\) when calling the GetParameter operation/);
  });
});

describe('one endpoint', () => {
  it('keeps the console at / for unsigned requests', async () => {
    const res = await fetch(`${srv.url}/`);
    assert.notEqual(res.status, 500);
    assert.doesNotMatch(res.headers.get('content-type') ?? '', /xml/);
  });

  it('applies --strict-auth to every service, each with its own error', async () => {
    const bad = { endpoint: strict.url, region: 'us-east-1', maxAttempts: 1 };
    const ec2 = await failure(new EC2Client({ ...bad, credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } }).send(new DescribeImagesCommand({})));
    assert.equal(ec2.name, 'AuthFailure');
    assert.equal(ec2.$metadata.httpStatusCode, 401);
    const sts = await failure(
      new STSClient({ ...bad, credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(sts.name, 'InvalidClientTokenId');
    const ssm = await failure(
      new SSMClient({ ...bad, credentials: { accessKeyId: 'AKIAOWNER', secretAccessKey: 'wrong' } }).send(new GetParameterCommand({ Name: '/x' })),
    );
    assert.equal(ssm.name, 'InvalidSignatureException');
    const s3 = await failure(
      new S3Client({ ...bad, forcePathStyle: true, credentials: { accessKeyId: 'AKIAOWNER', secretAccessKey: 'wrong' } }).send(
        new ListObjectsV2Command({ Bucket: FX.exportBucket }),
      ),
    );
    assert.equal(s3.name, 'SignatureDoesNotMatch');
    const ok = await new S3Client({ ...bad, forcePathStyle: true, credentials: { accessKeyId: 'AKIAOWNER', secretAccessKey: 'owner-secret' } }).send(
      new PutObjectCommand({ Bucket: FX.exportBucket, Key: 'strict.txt', Body: 'ok' }),
    );
    assert.match(ok.ETag!, /^"[0-9a-f]{32}"$/);
    const who = await new STSClient({ ...bad, credentials: { accessKeyId: 'AKIAOWNER', secretAccessKey: 'owner-secret' } }).send(
      new GetCallerIdentityCommand({}),
    );
    assert.equal(who.Account, FX.owner);
  });
});
