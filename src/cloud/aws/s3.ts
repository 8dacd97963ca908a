// The S3 port over the AWS SDK. With a custom endpoint (an emulator) buckets are addressed by
// path, since virtual-hosted names do not resolve to it.
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type _Object } from '@aws-sdk/client-s3';
import type { CloudScope, S3Port } from '../ports.js';
import type { AwsClients } from './clients.js';
import { call } from './errors.js';

/** Bound on ListObjectsV2 pages followed (1000 keys each). */
const MAX_PAGES = 100;

export function awsS3(clients: AwsClients): S3Port {
  const send = <T>(scope: CloudScope, f: (c: S3Client) => Promise<T>): Promise<T> =>
    call('s3', async () => f(await clients.get('s3', scope, (c) => new S3Client({ ...c, ...(c.endpoint ? { forcePathStyle: true } : {}) }))));
  return {
    async headBucket(scope, input) {
      const out = await send(scope, (c) => c.send(new HeadBucketCommand({ Bucket: input.bucket })));
      return { bucketRegion: out.BucketRegion ?? scope.region };
    },
    async putObject(scope, input) {
      const out = await send(scope, (c) => c.send(new PutObjectCommand({ Bucket: input.bucket, Key: input.key, Body: input.body ?? '' })));
      return { eTag: out.ETag ?? '' };
    },
    async getObject(scope, input) {
      const out = await send(scope, (c) => c.send(new GetObjectCommand({ Bucket: input.bucket, Key: input.key })));
      return { body: out.Body ? await out.Body.transformToString('utf8') : '' };
    },
    async deleteObject(scope, input) {
      await send(scope, (c) => c.send(new DeleteObjectCommand({ Bucket: input.bucket, Key: input.key })));
    },
    async listObjects(scope, input) {
      const contents: _Object[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await send(scope, (c) =>
          c.send(
            new ListObjectsV2Command({
              Bucket: input.bucket,
              ...(input.prefix !== undefined ? { Prefix: input.prefix } : {}),
              ...(token ? { ContinuationToken: token } : {}),
            }),
          ),
        );
        contents.push(...(out.Contents ?? []));
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
        if (!token) break;
      }
      return { contents: contents.map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0, lastModified: o.LastModified ? o.LastModified.toISOString() : '' })) };
    },
  };
}
