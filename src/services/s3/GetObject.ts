// S3 GetObject: an object's body and headers; with `Range`, the requested bytes (206) and
// their Content-Range.
import type { WorldHandler } from '../world-call.js';
import { bodyOf, objectOf, s3Enter, usableBucket } from './buckets.js';
import { objectHeaders } from './object-headers.js';
import { byteRange, contentRange } from './range.js';

export const GetObject: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'GetObject');
  const o = objectOf(call, usableBucket(call, ctx, input.Bucket as string), input.Key as string);
  const body = bodyOf(o);
  const r = byteRange(input.Range as string | undefined, body.length);
  if (!r) return { ...objectHeaders(o), Body: body };
  const part = body.subarray(r.start, r.end + 1);
  return { ...objectHeaders(o), ContentLength: part.length, ContentRange: contentRange(r, body.length), Body: part };
};
