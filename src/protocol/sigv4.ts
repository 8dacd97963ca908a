// SigV4 parsing and verification, as AWS verifies requests: canonical request over the raw
// (already-encoded) path encoded once more, sorted re-encoded query, signed headers, and the
// SHA-256 of the body ibex received (never trusting x-amz-content-sha256 alone).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSignatureException, MissingAuthenticationTokenException } from './errors.js';

/** What a SigV4 Authorization header (or presigned query) says. */
export interface SigV4Credential {
  accessKeyId: string;
  date: string; // yyyymmdd
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string; // yyyymmddThhmmssZ
  presigned: boolean;
  /** A presigned URL's X-Amz-Expires, as given (validated by verifySigV4). */
  expires?: string;
}

/** The longest a presigned URL may live: a SigV4 signing key is valid for seven days. */
export const MAX_PRESIGNED_EXPIRES = 604_800;

/** The request as received, before any decoding. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const CRED = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

function credentialMatch(auth: string): RegExpExecArray {
  const m = CRED.exec(auth);
  if (!auth.startsWith('AWS4-HMAC-SHA256') || !m) {
    throw new MissingAuthenticationTokenException(`Authorization header requires 'Credential' parameter. Authorization=${auth.split(' ')[0]}`);
  }
  return m;
}

/**
 * Only the access key and Region, which is all that unverified (default) auth needs: one regex
 * on every request instead of the full parse. Same errors as parseSigV4.
 */
export function parseCredentialScope(req: SignedRequest): { accessKeyId: string; region: string } {
  const auth = header(req.headers, 'authorization');
  if (auth) {
    const m = credentialMatch(auth);
    return { accessKeyId: m[1]!, region: m[3]! };
  }
  const { accessKeyId, region } = parseSigV4(req);
  return { accessKeyId, region };
}

/** Reads the SigV4 credential from the Authorization header or a presigned query; throws 403 when absent. */
export function parseSigV4(req: SignedRequest): SigV4Credential {
  const auth = header(req.headers, 'authorization');
  if (auth) {
    const m = credentialMatch(auth);
    const sh = /SignedHeaders=([^,\s]+)/.exec(auth);
    const sig = /Signature=([0-9a-f]+)/.exec(auth);
    return {
      accessKeyId: m[1]!,
      date: m[2]!,
      region: m[3]!,
      service: m[4]!,
      signedHeaders: sh ? sh[1]!.split(';') : [],
      signature: sig ? sig[1]! : '',
      amzDate: header(req.headers, 'x-amz-date') ?? toAmzDate(header(req.headers, 'date')),
      presigned: false,
    };
  }
  const q = new URLSearchParams(req.rawQuery);
  const qc = q.get('X-Amz-Credential');
  if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && qc) {
    const m = CRED.exec(`Credential=${qc}`);
    if (m) {
      return {
        accessKeyId: m[1]!,
        date: m[2]!,
        region: m[3]!,
        service: m[4]!,
        signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean),
        signature: q.get('X-Amz-Signature') ?? '',
        amzDate: q.get('X-Amz-Date') ?? '',
        presigned: true,
        ...(q.get('X-Amz-Expires') !== null ? { expires: q.get('X-Amz-Expires')! } : {}),
      };
    }
  }
  throw new MissingAuthenticationTokenException();
}

/** Verifies the signature with the secret; throws InvalidSignatureException on any mismatch. */
export function verifySigV4(req: SignedRequest, cred: SigV4Credential, secret: string, now: Date, expectedService: string, opts?: { s3?: boolean }): void {
  if (cred.service !== expectedService) {
    throw new InvalidSignatureException(`Credential should be scoped to correct service: '${expectedService}'. `);
  }
  const t = parseAmzDate(cred.amzDate);
  if (t === undefined) throw new InvalidSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  // AWS checks the scope's date against the request's own date, and insists on a signed Host.
  if (cred.date !== cred.amzDate.slice(0, 8)) {
    throw new InvalidSignatureException(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${cred.date}' != '${cred.amzDate.slice(0, 8)}', from '${cred.amzDate}'.`,
    );
  }
  if (!cred.signedHeaders.includes('host')) {
    throw new InvalidSignatureException("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const skew = 15 * 60 * 1000;
  if (cred.presigned && cred.expires !== undefined) {
    const secs = /^\d{1,7}$/.test(cred.expires) ? Number(cred.expires) : NaN;
    if (!(secs >= 1))
      throw new InvalidSignatureException(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_EXPIRES}; got '${cred.expires}'.`);
    if (secs > MAX_PRESIGNED_EXPIRES) {
      throw new InvalidSignatureException(
        `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_EXPIRES} seconds`,
      );
    }
    if (now.getTime() > t + secs * 1000) {
      throw new InvalidSignatureException(
        `Signature expired: ${cred.amzDate} is now earlier than ${toAmzDate(new Date(now.getTime() - secs * 1000).toUTCString())} (${toAmzDate(now.toUTCString())} - ${secs} sec.)`,
      );
    }
  } else if (t < now.getTime() - skew) {
    throw new InvalidSignatureException(
      `Signature expired: ${cred.amzDate} is now earlier than ${toAmzDate(new Date(now.getTime() - skew).toUTCString())} (${toAmzDate(now.toUTCString())} - 15 min.)`,
    );
  }
  if (t > now.getTime() + skew) {
    throw new InvalidSignatureException(
      `Signature not yet current: ${cred.amzDate} is still later than ${toAmzDate(new Date(now.getTime() + skew).toUTCString())} (${toAmzDate(now.toUTCString())} + 15 min.)`,
    );
  }
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const claimed = header(req.headers, 'x-amz-content-sha256');
  // S3 may sign a streamed (aws-chunked) body as STREAMING-…; its chunk signatures are not checked.
  const streaming = opts?.s3 === true && claimed !== undefined && claimed.startsWith('STREAMING-');
  if (claimed && claimed !== 'UNSIGNED-PAYLOAD' && !streaming && claimed !== bodyHash) {
    throw new InvalidSignatureException("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  // Outside S3, a presigned request signs its body like any other (botocore's SigV4QueryAuth and
  // smithy's presign both hash it): a presigned PUT's body cannot be swapped.
  const payloadHash = bodyHash;
  const canonical = [
    req.method,
    // S3 signs the path as sent (encoded once); every other service encodes it once more.
    opts?.s3 ? req.rawPath || '/' : canonicalUri(req.rawPath),
    canonicalQuery(req.rawQuery, cred.presigned),
    cred.signedHeaders.map((h) => `${h}:${canonicalHeaderValue(req.headers[h])}\n`).join(''),
    cred.signedHeaders.join(';'),
    // S3 presigned URLs never sign the body; a streamed S3 body signs its STREAMING-… marker.
    (claimed === 'UNSIGNED-PAYLOAD' && !cred.presigned) || streaming ? claimed! : opts?.s3 && cred.presigned ? 'UNSIGNED-PAYLOAD' : payloadHash,
  ].join('\n');
  const scope = `${cred.date}/${cred.region}/${cred.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', cred.amzDate, scope, sha256hex(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, cred.date);
  key = hmac(key, cred.region);
  key = hmac(key, cred.service);
  key = hmac(key, 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', key).update(toSign).digest('hex'));
  const given = Buffer.from(cred.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InvalidSignatureException(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

function header(h: SignedRequest['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function canonicalHeaderValue(v: string | string[] | undefined): string {
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  return s.trim().replace(/\s+/g, ' ');
}

/** RFC 3986 encoding of everything but unreserved characters, as SigV4 requires. */
export function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Non-S3 services sign the path encoded twice: the client sends it encoded once, so each raw
// segment is encoded once more here.
function canonicalUri(rawPath: string): string {
  return (
    rawPath
      .split('/')
      .map((seg) => uriEscape(seg))
      .join('/') || '/'
  );
}

function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = decodeLoose(i < 0 ? part : part.slice(0, i));
    const v = decodeLoose(i < 0 ? '' : part.slice(i + 1));
    if (presigned && k === 'X-Amz-Signature') continue;
    pairs.push([uriEscape(k), uriEscape(v)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function decodeLoose(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function toAmzDate(httpDate: string | undefined): string {
  if (!httpDate) return '';
  const d = new Date(httpDate);
  if (Number.isNaN(d.getTime())) return '';
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
