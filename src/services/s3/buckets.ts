// S3 helpers for the wire operations: a bucket the caller may use (its own, or one whose policy
// allows its account), object views and ETags. Bucket names are global across accounts.
import { createHash } from 'node:crypto';
import { enter, type Ctx } from '../../cloud/simulated/sim.js';
import type { BucketRec, ObjectRec } from '../../cloud/simulated/records.js';
import { WorldError, type WorldCall } from '../world-call.js';

/** Enters the S3 call (faults, Regions, role rules) and returns the caller. */
export const s3Enter = (call: WorldCall, operation: string): Ctx => enter(call.sim, 's3', operation, call.scope);

/** The bucket, if the caller may use it: `NoSuchBucket` when absent, `AccessDenied` when another account's. */
export function usableBucket(call: WorldCall, ctx: Ctx, name: string, ownerOnly = false): BucketRec {
  const b = call.sim.state.buckets.get(name);
  if (!b) throw new WorldError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  if (b.accountId !== ctx.accountId && (ownerOnly || !b.allowAccounts.includes(ctx.accountId))) {
    throw new WorldError('AccessDenied', 'Access Denied', 403);
  }
  return b;
}

/** The object's ETag: its stored one, or one derived from what the world knows of it. */
export function eTagOf(o: ObjectRec): string {
  return o.eTag ?? `"${createHash('md5').update(`${o.bucket}/${o.key}:${o.size}:${o.lastModified}`).digest('hex')}"`;
}

/**
 * The object's body. Simulated exports have a size but no content; their body is a short note
 * saying so (docs/known-differences.md), and their listed size stays the simulated one.
 */
export function bodyOf(o: ObjectRec): Buffer {
  if (o.data !== undefined) return Buffer.from(o.data, 'base64');
  if (o.body !== undefined) return Buffer.from(o.body);
  return Buffer.from(`ibex simulated object s3://${o.bucket}/${o.key}: ${o.size} bytes in the simulated world, no content.\n`);
}

/** The object, or `NoSuchKey`. */
export function objectOf(call: WorldCall, b: BucketRec, key: string): ObjectRec {
  const o = call.sim.state.objects.get(b.name)?.get(key);
  if (!o) throw new WorldError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  return o;
}

/** S3 bucket naming rules (general purpose buckets). */
export function assertBucketName(name: string): void {
  const ok =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !/\.\.|\.-|-\./.test(name) &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !name.startsWith('xn--') &&
    !name.endsWith('-s3alias');
  if (!ok) throw new WorldError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
}
