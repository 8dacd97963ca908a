// S3 ListObjects (v1): the same listing as ListObjectsV2, paged by Marker. As S3 does, Marker is
// always echoed and NextMarker is sent only with a delimiter (otherwise the last key is the next
// marker).
import type { WorldHandler } from '../world-call.js';
import { s3Enter, usableBucket } from './buckets.js';
import { listPage, maxKeysOf, urlEncode } from './listing.js';

export const ListObjects: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'ListObjects');
  const b = usableBucket(call, ctx, input.Bucket as string);
  const prefix = (input.Prefix as string | undefined) ?? '';
  const delimiter = input.Delimiter as string | undefined;
  const maxKeys = maxKeysOf(input.MaxKeys);
  const marker = (input.Marker as string | undefined) ?? '';
  const enc = input.EncodingType === 'url' ? urlEncode : (s: string) => s;
  const page = listPage(call, b.name, { prefix, ...(delimiter ? { delimiter } : {}), after: marker, maxKeys, enc, skipPrefixesToAfter: true });
  return {
    Name: b.name,
    Prefix: enc(prefix),
    Marker: enc(marker),
    ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
    MaxKeys: maxKeys,
    IsTruncated: page.truncated,
    ...(page.truncated && delimiter ? { NextMarker: enc(page.last) } : {}),
    ...(page.contents.length ? { Contents: page.contents } : {}),
    ...(page.prefixes.length ? { CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
  };
};
