// Opaque, tamper-evident pagination tokens: the position plus a digest of the query, signed with
// a per-database secret, so a forged or reused-with-other-filters token is rejected
// (InvalidPaginationTokenException) instead of silently returning wrong pages.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Encodes and decodes the nextToken of list operations. */
export class PaginationTokens {
  constructor(private readonly secret: Buffer) {}

  /** Makes a token for continuing `query` after `position`. */
  encode(query: unknown, position: string): string {
    const payload = Buffer.from(JSON.stringify({ p: position, q: digest(query) })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** Returns the position, or undefined when the token is forged, corrupt or for another query. */
  decode(query: unknown, token: string): string | undefined {
    const [payload, sig] = token.split('.');
    if (!payload || !sig) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; q?: unknown };
      if (typeof body.p !== 'string' || body.q !== digest(query)) return undefined;
      return body.p;
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 22);
  }
}

function digest(query: unknown): string {
  return createHash('sha256').update(canonicalJson(query)).digest('base64url').slice(0, 16);
}

/** JSON with object keys sorted, so equal values always serialize equally. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(v as object)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}
