// S3 HeadObject: an object's headers (404 / 403 with no body).
import type { WorldHandler } from '../context.js';
import { objectOf, s3Enter, usableBucket } from './buckets.js';
import { objectHeaders } from './object-headers.js';

export const HeadObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'HeadObject');
  const o = objectOf(call, usableBucket(call, ctx, input.Bucket as string), input.Key as string);
  return { ...objectHeaders(o), ContentLength: String(objectHeaders(o).ContentLength) };
};
