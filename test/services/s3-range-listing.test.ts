// S3 GetObject/HeadObject with Range (206 + Content-Range, 416 InvalidRange) and ListObjects v1
// with Marker/NextMarker beside ListObjectsV2, through the SDK v3 S3Client and the raw wire.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { GetObjectCommand, HeadObjectCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { FX, fixtureSpec } from '../cloud/simulated-env.js';

let srv: IbexServer;
let s3: S3Client;
type WireErr = Error & { $metadata: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>): Promise<WireErr> =>
  p.then(
    () => assert.fail('expected the call to fail'),
    (e: WireErr) => e,
  );
const B = FX.exportBucket;

before(async () => {
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: fixtureSpec() });
  s3 = new S3Client({
    endpoint: srv.url,
    region: FX.region,
    maxAttempts: 1,
    forcePathStyle: true,
    credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' },
  });
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'r/digits.txt', Body: '0123456789', ContentType: 'text/plain' }));
  for (const k of ['l/a', 'l/b', 'l/c/1', 'l/c/2', 'l/d', 'l/e/1']) await s3.send(new PutObjectCommand({ Bucket: B, Key: k, Body: k }));
});
after(async () => {
  s3?.destroy();
  await srv?.close();
});

/** A signed raw GET, to read status, headers and body as they are on the wire. */
async function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(path, srv.url);
  const signer = new SignatureV4({
    service: 's3',
    region: FX.region,
    credentials: { accessKeyId: FX.owner, secretAccessKey: 'x' },
    sha256: Sha256,
    uriEscapePath: false,
  });
  const req = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers },
  });
  const res = await fetch(url, { headers: req.headers as Record<string, string> });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('S3 GetObject Range', () => {
  it('answers 206 with the bytes and Content-Range for a-b, a- and -n', async () => {
    const get = async (Range: string) => {
      const out = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'r/digits.txt', Range }));
      return [out.$metadata.httpStatusCode, await out.Body!.transformToString(), out.ContentRange, out.ContentLength];
    };
    assert.deepEqual(await get('bytes=2-4'), [206, '234', 'bytes 2-4/10', 3]);
    assert.deepEqual(await get('bytes=7-'), [206, '789', 'bytes 7-9/10', 3]);
    assert.deepEqual(await get('bytes=-2'), [206, '89', 'bytes 8-9/10', 2]);
    assert.deepEqual(await get('bytes=5-100'), [206, '56789', 'bytes 5-9/10', 5]);
    // Several ranges, or one S3 cannot parse: the whole object, as S3 answers.
    assert.deepEqual(await get('bytes=0-1,4-5'), [200, '0123456789', undefined, 10]);
    assert.deepEqual(await get('items=0-1'), [200, '0123456789', undefined, 10]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'r/digits.txt', Range: 'bytes=0-0' }));
    assert.deepEqual([head.$metadata.httpStatusCode, head.ContentLength, head.ContentRange], [206, 1, 'bytes 0-0/10']);
  });

  it('answers 416 InvalidRange past the end, with RangeRequested and ActualObjectSize', async () => {
    const err = await failure(s3.send(new GetObjectCommand({ Bucket: B, Key: 'r/digits.txt', Range: 'bytes=10-' })));
    assert.equal(err.name, 'InvalidRange');
    assert.equal(err.$metadata.httpStatusCode, 416);
    const raw = await rawGet(`/${B}/r/digits.txt`, { range: 'bytes=10-20' });
    assert.equal(raw.status, 416);
    assert.equal(raw.headers.get('content-type'), 'application/xml');
    assert.match(
      raw.text,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>InvalidRange<\/Code><Message>The requested range is not satisfiable<\/Message><RangeRequested>bytes=10-20<\/RangeRequested><ActualObjectSize>10<\/ActualObjectSize><RequestId>/,
    );
    const ok = await rawGet(`/${B}/r/digits.txt`, { range: 'bytes=1-2' });
    assert.deepEqual([ok.status, ok.text, ok.headers.get('content-range'), ok.headers.get('content-length')], [206, '12', 'bytes 1-2/10', '2']);
  });
});

describe('S3 ListObjects (v1)', () => {
  it('pages by Marker; NextMarker only with a delimiter, where it may be a common prefix', async () => {
    const p1 = await s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'l/', MaxKeys: 2 }));
    assert.deepEqual([p1.Contents!.map((c) => c.Key), p1.IsTruncated, p1.NextMarker, p1.Marker], [['l/a', 'l/b'], true, undefined, '']);
    const p2 = await s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'l/', Marker: 'l/b' }));
    assert.deepEqual([p2.Contents!.map((c) => c.Key), p2.IsTruncated, p2.Marker], [['l/c/1', 'l/c/2', 'l/d', 'l/e/1'], false, 'l/b']);
    const seen: string[] = [];
    let marker: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'l/', Delimiter: '/', MaxKeys: 2, ...(marker ? { Marker: marker } : {}) }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((c) => c.Prefix!));
      if (!page.IsTruncated) break;
      marker = page.NextMarker;
      assert.ok(marker, 'a truncated page with a delimiter has a NextMarker');
    }
    assert.deepEqual(seen.sort(), ['l/a', 'l/b', 'l/c/', 'l/d', 'l/e/']);
    // ListObjectsV2 over the same keys, paged by continuation token past a common prefix.
    const v2seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: B, Prefix: 'l/', Delimiter: '/', MaxKeys: 2, ...(token ? { ContinuationToken: token } : {}) }),
      );
      v2seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((c) => c.Prefix!));
      token = page.NextContinuationToken;
      if (!token) break;
    }
    assert.deepEqual(v2seen.sort(), seen.sort());
  });

  it('answers NoSuchBucket (404) and a plain GET on the bucket is ListObjects, not HTML', async () => {
    const err = await failure(s3.send(new ListObjectsCommand({ Bucket: 'no-such-bucket-ibex' })));
    assert.deepEqual([err.name, err.$metadata.httpStatusCode], ['NoSuchBucket', 404]);
    const raw = await rawGet(`/${B}`, {});
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('content-type'), 'application/xml');
    assert.match(
      raw.text,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><IsTruncated>false<\/IsTruncated><Marker><\/Marker>/,
    );
  });
});
