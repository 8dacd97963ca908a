// S3's single byte range (`Range: bytes=a-b`, `bytes=a-`, `bytes=-n`) for GetObject and
// HeadObject. As S3 does: a header it cannot parse, or one with several ranges, is ignored (the
// whole object, 200); a range that starts past the end is `InvalidRange` (416).
import { WorldError } from '../world-call.js';

/** The bytes [start, end] (inclusive) to send, or undefined for the whole object. */
export interface ByteRange {
  start: number;
  end: number;
}

export function byteRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const last = size - 1;
  const unsatisfiable = (): WorldError =>
    new WorldError('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header, ActualObjectSize: String(size) });
  if (m[1] === '') {
    // A suffix: the last n bytes.
    const n = Number(m[2]);
    if (n === 0) throw unsatisfiable();
    return { start: Math.max(0, size - n), end: last };
  }
  const start = Number(m[1]);
  if (start > last) throw unsatisfiable();
  const end = m[2] === '' ? last : Math.min(Number(m[2]), last);
  // `bytes=5-2` is syntactically invalid: the whole object.
  return start > end ? undefined : { start, end };
}

/** The `Content-Range` header value of a partial answer. */
export const contentRange = (r: ByteRange, size: number): string => `bytes ${r.start}-${r.end}/${size}`;
