// S3 HeadObject: an object's headers (404 / 403 with no body); with `Range`, those of the
// requested bytes (206).
import type { WorldHandler } from '../world-call.js';
import { bodyOf, objectOf, s3Enter, usableBucket } from './buckets.js';
import { objectHeaders } from './object-headers.js';
import { byteRange, contentRange } from './range.js';

export const HeadObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'HeadObject');
  const o = objectOf(call, usableBucket(call, ctx, input.Bucket as string), input.Key as string);
  const size = bodyOf(o).length;
  const r = byteRange(input.Range as string | undefined, size);
  if (!r) return { ...objectHeaders(o), ContentLength: String(size) };
  return { ...objectHeaders(o), ContentLength: String(r.end - r.start + 1), ContentRange: contentRange(r, size) };
};
