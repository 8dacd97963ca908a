// Simulated S3: bucket names are global; a bucket belongs to one account and Region and other
// accounts may write only when its policy allows them (`allowAccounts`).
import { createHash } from 'node:crypto';
import type { S3Port } from '../ports.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import type { BucketRec } from './records.js';

function bucketOf(sim: Sim, ctx: Ctx, name: string, missingCode: 'NoSuchBucket' | 'NotFound'): BucketRec {
  const b = sim.state.buckets.get(name);
  if (!b) throw fail('s3', missingCode, `The specified bucket does not exist: ${name}`);
  if (b.accountId !== ctx.accountId && !b.allowAccounts.includes(ctx.accountId)) {
    // HeadBucket has no body, so SDKs report its 403 as `Forbidden`.
    throw fail(
      's3',
      missingCode === 'NotFound' ? 'Forbidden' : 'AccessDenied',
      `Access Denied: bucket ${name} belongs to account ${b.accountId} and does not allow account ${ctx.accountId}.`,
    );
  }
  return b;
}

/** Largest object body (bytes) the world keeps. */
const MAX_KEPT_BODY = 64 * 1024;

/** The simulated S3 port. */
export function simulatedS3(sim: Sim): S3Port {
  return {
    async headBucket(scope, input) {
      const ctx = enter(sim, 's3', 'HeadBucket', scope);
      // HeadBucket has no body, so SDKs report its 404 as `NotFound`.
      return { bucketRegion: bucketOf(sim, ctx, input.bucket, 'NotFound').region };
    },

    async putObject(scope, input) {
      const ctx = enter(sim, 's3', 'PutObject', scope);
      const b = bucketOf(sim, ctx, input.bucket, 'NoSuchBucket');
      const body = typeof input.body === 'string' ? Buffer.from(input.body) : (input.body ?? new Uint8Array());
      sim.state.putObject({
        accountId: b.accountId,
        region: b.region,
        bucket: b.name,
        key: input.key,
        size: body.byteLength,
        lastModified: sim.clock.now(),
        // Small objects keep their text so documents can be read back (GetObject); large ones only their size.
        ...(body.byteLength <= MAX_KEPT_BODY ? { body: Buffer.from(body).toString('utf8') } : {}),
      });
      return { eTag: `"${createHash('md5').update(body).digest('hex')}"` };
    },

    async getObject(scope, input) {
      const ctx = enter(sim, 's3', 'GetObject', scope);
      const b = bucketOf(sim, ctx, input.bucket, 'NoSuchBucket');
      const o = sim.state.objects.get(b.name)?.get(input.key);
      if (!o) throw fail('s3', 'NoSuchKey', 'The specified key does not exist.');
      return { body: o.body ?? '' };
    },

    async deleteObject(scope, input) {
      const ctx = enter(sim, 's3', 'DeleteObject', scope);
      const b = bucketOf(sim, ctx, input.bucket, 'NoSuchBucket');
      // S3 answers 204 whether or not the key existed.
      sim.state.deleteObject(b.name, input.key);
    },

    async listObjects(scope, input) {
      const ctx = enter(sim, 's3', 'ListObjects', scope);
      const b = bucketOf(sim, ctx, input.bucket, 'NoSuchBucket');
      const objs = [...(sim.state.objects.get(b.name)?.values() ?? [])]
        .filter((o) => !input.prefix || o.key.startsWith(input.prefix))
        .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      return { contents: objs.map((o) => ({ key: o.key, size: o.size, lastModified: new Date(o.lastModified).toISOString() })) };
    },
  };
}
