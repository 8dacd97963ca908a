// S3 GetObject: an object's body and headers.
import type { WorldHandler } from '../context.js';
import { bodyOf, objectOf, s3Enter, usableBucket } from './buckets.js';
import { objectHeaders } from './object-headers.js';

export const GetObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'GetObject');
  const o = objectOf(call, usableBucket(call, ctx, input.Bucket as string), input.Key as string);
  return { ...objectHeaders(o), Body: bodyOf(o) };
};
