// S3 ListObjectsV2: a bucket's keys in order, with prefix, delimiter (CommonPrefixes),
// start-after, max-keys and continuation tokens; keys URL-encoded when encoding-type=url.
import { WorldError, type WorldHandler } from '../context.js';
import { eTagOf, s3Enter, usableBucket } from './buckets.js';

const urlEncode = (s: string): string => encodeURIComponent(s).replace(/%2F/g, '/');

export const ListObjectsV2: WorldHandler = async (input, call) => {
  const ctx = s3Enter(call, 'ListObjectsV2');
  const b = usableBucket(call, ctx, input.Bucket as string);
  const prefix = (input.Prefix as string | undefined) ?? '';
  const delimiter = input.Delimiter as string | undefined;
  const maxKeys = (input.MaxKeys as number | undefined) ?? 1000;
  if (maxKeys < 0) throw new WorldError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  let after = (input.StartAfter as string | undefined) ?? '';
  const token = input.ContinuationToken as string | undefined;
  if (token !== undefined) {
    const k = Buffer.from(token, 'base64url').toString('utf8');
    if (!k.startsWith('ibex:')) throw new WorldError('InvalidArgument', 'The continuation token provided is incorrect', 400);
    after = k.slice(5);
  }
  const objs = [...(call.sim.state.objects.get(b.name)?.values() ?? [])].filter((o) => o.key.startsWith(prefix) && o.key > after).sort((x, y) => (x.key < y.key ? -1 : 1));
  const enc = input.EncodingType === 'url' ? urlEncode : (s: string) => s;
  const contents: Record<string, unknown>[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const o of objs) {
    let common: string | undefined;
    if (delimiter) {
      const i = o.key.indexOf(delimiter, prefix.length);
      if (i >= 0) common = o.key.slice(0, i + delimiter.length);
    }
    if (common !== undefined && prefixes.includes(common)) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      // Resume after every key of this common prefix.
      last = `${common}\uffff`;
    } else {
      contents.push({ Key: enc(o.key), LastModified: new Date(o.lastModified), ETag: eTagOf(o), Size: o.size, StorageClass: 'STANDARD' });
      last = o.key;
    }
  }
  return {
    Name: b.name,
    Prefix: enc(prefix),
    ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
    MaxKeys: maxKeys,
    KeyCount: contents.length + prefixes.length,
    IsTruncated: truncated,
    ...(contents.length ? { Contents: contents } : {}),
    ...(prefixes.length ? { CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    ...(token !== undefined ? { ContinuationToken: token } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: enc(input.StartAfter as string) } : {}),
    ...(truncated ? { NextContinuationToken: Buffer.from(`ibex:${last}`).toString('base64url') } : {}),
  };
};
