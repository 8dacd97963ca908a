// S3 ListObjectsV2: a bucket's keys in order, with prefix, delimiter (CommonPrefixes),
// start-after, max-keys and continuation tokens; keys URL-encoded when encoding-type=url.
import { WorldError, type WorldHandler } from '../world-call.js';
import { s3Enter, usableBucket } from './buckets.js';
import { listPage, maxKeysOf, urlEncode } from './listing.js';

export const ListObjectsV2: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'ListObjectsV2');
  const b = usableBucket(call, ctx, input.Bucket as string);
  const prefix = (input.Prefix as string | undefined) ?? '';
  const delimiter = input.Delimiter as string | undefined;
  const maxKeys = maxKeysOf(input.MaxKeys);
  let after = (input.StartAfter as string | undefined) ?? '';
  const token = input.ContinuationToken as string | undefined;
  if (token !== undefined) {
    const k = Buffer.from(token, 'base64url').toString('utf8');
    if (!k.startsWith('ibex:')) throw new WorldError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    after = k.slice(5);
  }
  const enc = input.EncodingType === 'url' ? urlEncode : (s: string) => s;
  // A token after a common prefix resumes after every key under it.
  const page = listPage(call, b.name, { prefix, ...(delimiter ? { delimiter } : {}), after, maxKeys, enc });
  return {
    Name: b.name,
    Prefix: enc(prefix),
    ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
    MaxKeys: maxKeys,
    KeyCount: page.contents.length + page.prefixes.length,
    IsTruncated: page.truncated,
    ...(page.contents.length ? { Contents: page.contents } : {}),
    ...(page.prefixes.length ? { CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    ...(token !== undefined ? { ContinuationToken: token } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: enc(input.StartAfter as string) } : {}),
    ...(page.truncated ? { NextContinuationToken: Buffer.from(`ibex:${page.last}${page.lastIsPrefix ? '\uffff' : ''}`).toString('base64url') } : {}),
  };
};
