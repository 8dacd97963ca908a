// One page of a bucket's keys, shared by ListObjects (v1, Marker) and ListObjectsV2
// (continuation tokens): keys after `after` in order, rolled up into CommonPrefixes by the
// delimiter, at most maxKeys entries (keys and prefixes together), as S3 counts them.
import type { ObjectRec } from '../../cloud/simulated/records.js';
import { WorldError, type WorldCall } from '../world-call.js';
import { eTagOf } from './buckets.js';

export interface ListingPage {
  contents: Record<string, unknown>[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned (where the next page starts). */
  last: string;
  lastIsPrefix: boolean;
}

export const urlEncode = (s: string): string => encodeURIComponent(s).replace(/%2F/g, '/');

/** `InvalidArgument` unless max-keys is ≥ 0 (the default is 1000). */
export function maxKeysOf(v: unknown): number {
  const maxKeys = (v as number | undefined) ?? 1000;
  if (maxKeys < 0) throw new WorldError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  return maxKeys;
}

export function listPage(
  call: WorldCall,
  bucket: string,
  q: {
    prefix: string;
    delimiter?: string;
    after: string;
    maxKeys: number;
    enc: (s: string) => string;
    /** V1's Marker may be a common prefix (its NextMarker): skip prefixes up to it. */
    skipPrefixesToAfter?: boolean;
  },
): ListingPage {
  const objs = [...(call.sim.state.objects.get(bucket)?.values() ?? [])]
    .filter((o: ObjectRec) => o.key.startsWith(q.prefix) && o.key > q.after)
    .sort((x, y) => (x.key < y.key ? -1 : 1));
  const contents: Record<string, unknown>[] = [];
  const prefixes: string[] = [];
  let last = '';
  let lastIsPrefix = false;
  let truncated = false;
  for (const o of objs) {
    let common: string | undefined;
    if (q.delimiter) {
      const i = o.key.indexOf(q.delimiter, q.prefix.length);
      if (i >= 0) common = o.key.slice(0, i + q.delimiter.length);
    }
    // A prefix already listed, here or on an earlier page (a marker that is a common prefix).
    if (common !== undefined && (prefixes.includes(common) || (q.skipPrefixesToAfter === true && common <= q.after))) continue;
    if (contents.length + prefixes.length >= q.maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      last = common;
      lastIsPrefix = true;
    } else {
      contents.push({ Key: q.enc(o.key), LastModified: new Date(o.lastModified), ETag: eTagOf(o), Size: o.size, StorageClass: 'STANDARD' });
      last = o.key;
      lastIsPrefix = false;
    }
  }
  return { contents, prefixes, truncated, last, lastIsPrefix };
}
