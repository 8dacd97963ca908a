// S3 DeleteBucket: the owner deletes an empty bucket (BucketNotEmpty otherwise).
import { WorldError, type WorldHandler } from '../world-call.js';
import { s3Enter, usableBucket } from './buckets.js';

export const DeleteBucket: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'DeleteBucket');
  const b = usableBucket(call, ctx, input.Bucket as string, true);
  const st = call.sim.state;
  if ((st.objects.get(b.name)?.size ?? 0) > 0)
    throw new WorldError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: b.name });
  st.buckets.delete(b.name);
  st.objects.delete(b.name);
  st.repo.delete('s3Bucket', b.accountId, b.region, b.name);
  return {};
};
