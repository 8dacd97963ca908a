// S3 HeadBucket: whether the bucket exists and the caller may use it (404 / 403, no body), and its Region.
import type { WorldHandler } from '../world-call.js';

export const HeadBucket: WorldHandler = async (input, call) => {
  const { bucketRegion } = await call.ports.s3.headBucket(call.scope, { bucket: input.Bucket as string });
  return { BucketRegion: bucketRegion, BucketLocationType: 'Region', BucketLocationName: bucketRegion };
};
