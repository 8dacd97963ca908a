// S3 PutObject: writes an object (body, content type, user metadata) into a bucket the caller
// may write to; answers its ETag (the body's MD5).
import { createHash } from 'node:crypto';
import { WorldError, type WorldHandler } from '../world-call.js';
import { s3Enter, usableBucket } from './buckets.js';

export const PutObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'PutObject');
  const b = usableBucket(call, ctx, input.Bucket as string);
  const key = input.Key as string;
  if (Buffer.byteLength(key) > 1024) throw new WorldError('KeyTooLongError', 'Your key is too long', 400);
  const body = (input.Body as Buffer | undefined) ?? Buffer.alloc(0);
  const md5 = createHash('md5').update(body);
  const digest = md5.digest();
  if (input.ContentMD5 !== undefined && input.ContentMD5 !== digest.toString('base64')) {
    throw new WorldError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  const eTag = `"${digest.toString('hex')}"`;
  call.sim.state.putObject({
    accountId: b.accountId,
    region: b.region,
    bucket: b.name,
    key,
    size: body.length,
    lastModified: call.sim.clock.now(),
    data: body.toString('base64'),
    eTag,
    ...(input.ContentType !== undefined ? { contentType: input.ContentType as string } : {}),
    ...(input.Metadata !== undefined ? { metadata: input.Metadata as Record<string, string> } : {}),
  });
  return { ETag: eTag };
};
