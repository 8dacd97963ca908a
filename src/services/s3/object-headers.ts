// The headers HeadObject and GetObject share.
import type { ObjectRec } from '../../cloud/simulated/records.js';
import type { Doc } from '../world-call.js';
import { bodyOf, eTagOf } from './buckets.js';

export function objectHeaders(o: ObjectRec): Doc {
  return {
    LastModified: new Date(o.lastModified),
    ContentLength: bodyOf(o).length,
    ETag: eTagOf(o),
    ContentType: o.contentType ?? 'binary/octet-stream',
    AcceptRanges: 'bytes',
    ...(o.metadata && Object.keys(o.metadata).length ? { Metadata: o.metadata } : {}),
  };
}
