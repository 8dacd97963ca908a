// S3 DeleteObject: removes a key (deleting a key that does not exist succeeds, as in S3).
import type { WorldHandler } from '../world-call.js';
import { s3Enter, usableBucket } from './buckets.js';

export const DeleteObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'DeleteObject');
  const b = usableBucket(call, ctx, input.Bucket as string);
  const key = input.Key as string;
  const st = call.sim.state;
  const o = st.objects.get(b.name)?.get(key);
  if (o) {
    st.objects.get(b.name)!.delete(key);
    st.repo.delete('s3Object', o.accountId, o.region, `${b.name}/${key}`);
  }
  return {};
};
