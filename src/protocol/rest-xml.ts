// S3's rest-xml protocol: operations routed by method and path — path-style `/<bucket>/<key>` or
// virtual-hosted `<bucket>.localhost/<key>` — with inputs bound to the URI, query string, headers
// and payload as the model says; XML bodies, header outputs, raw object bodies; errors as
// `<Error><Code>…</Code><Message>…</Message>…<RequestId>` (no body for HEAD).
import { WorldError, type Doc } from './world-error.js';
import type { ServiceModel, WMember, WOperation, WShape } from '../model/world-shape.js';
import type { Violation } from './world-validate.js';
import { parseForm } from './form-input.js';
import { escapeXml, parseXml, xmlMembers, type XmlNode } from './xml.js';
import { headerOf, modelStatus, type WireProtocol, type WireRequest } from './world-protocol.js';

/** Statuses of S3 codes the model does not declare. */
const S3_STATUS: Record<string, number> = {
  AccessDenied: 403,
  Forbidden: 403,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  NotFound: 404,
  BucketNotEmpty: 409,
  MethodNotAllowed: 405,
  NotImplemented: 501,
  InternalError: 500,
  SlowDown: 503,
  ServiceUnavailable: 503,
};

/** Root elements of XML outputs, which the model does not name. */
const OUTPUT_ROOT: Record<string, string> = { ListObjects: 'ListBucketResult', ListObjectsV2: 'ListBucketResult', ListBuckets: 'ListAllMyBucketsResult' };
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The bucket named by a virtual-hosted Host header (`bucket.localhost:4790`), if any. */
export function hostBucket(req: WireRequest): string | undefined {
  const host = headerOf(req.headers, 'host') ?? '';
  const m = /^(.+)\.localhost(?::\d+)?$/i.exec(host);
  return m ? m[1] : undefined;
}

const decodePath = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Bucket and key of a request; both empty for the service root. */
function target(req: WireRequest): { bucket?: string; key?: string } {
  const vhost = hostBucket(req);
  const path = req.rawPath.replace(/^\//, '');
  if (vhost) return { bucket: vhost, ...(path ? { key: decodePath(path) } : {}) };
  if (!path) return {};
  const i = path.indexOf('/');
  if (i < 0) return { bucket: decodePath(path) };
  const key = path.slice(i + 1);
  return { bucket: decodePath(path.slice(0, i)), ...(key ? { key: decodePath(key) } : {}) };
}

/** Strips aws-chunked framing (`<hex>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n<trailers>`). */
function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const eol = body.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = parseInt(body.subarray(pos, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new WorldError('IncompleteBody', 'The aws-chunked request body is malformed.');
    if (size === 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The object body the client meant, with aws-chunked framing removed. */
export function payloadOf(req: WireRequest): Buffer {
  const sha = headerOf(req.headers, 'x-amz-content-sha256') ?? '';
  const enc = headerOf(req.headers, 'content-encoding') ?? '';
  return sha.startsWith('STREAMING-') || /aws-chunked/i.test(enc) ? unchunk(req.body) : req.body;
}

function fromXml(model: ServiceModel, node: XmlNode, s: WShape): unknown {
  if (s.type === 'structure') {
    const out: Doc = {};
    for (const [name, m] of Object.entries(s.members ?? {})) {
      const child = node.children.find((c) => c.name === (m.locationName ?? name));
      if (child) out[name] = fromXml(model, child, model.shapes[m.shape]!);
    }
    return out;
  }
  if (s.type === 'list') return node.children.map((c) => fromXml(model, c, model.shapes[s.member!.shape]!));
  return node.text;
}

function scalarFrom(raw: string, s: WShape, name: string): unknown {
  if (s.type === 'integer' || s.type === 'long') {
    if (!/^-?\d+$/.test(raw)) throw new WorldError('InvalidArgument', `${name} must be an integer (got '${raw}').`);
    return Number(raw);
  }
  if (s.type === 'boolean') return raw === 'true';
  if (s.type === 'timestamp') return new Date(raw);
  return raw;
}

function headerValue(v: unknown, s: WShape, m: WMember): string {
  if (s.type === 'timestamp') {
    const d = v instanceof Date ? v : new Date(v as number);
    return m.timestampFormat === 'iso8601' ? d.toISOString() : d.toUTCString();
  }
  return String(v);
}

function route(model: ServiceModel, req: WireRequest, t: { bucket?: string; key?: string }, query: Map<string, string>): WOperation | undefined {
  const kind = t.key !== undefined ? '/{Bucket}/{Key+}' : t.bucket !== undefined ? '/{Bucket}' : '/';
  let best: WOperation | undefined;
  for (const op of Object.values(model.operations)) {
    if (op.http.method !== req.method) continue;
    const [path, qual] = op.http.requestUri.split('?');
    if (path !== kind) continue;
    if (qual) {
      const [k, v] = qual.split('=');
      if (!query.has(k!) || (v !== undefined && query.get(k!) !== v)) continue;
      return op;
    }
    best ??= op;
  }
  // An unqualified route only answers requests that carry no operation-selecting subresource.
  if (best && (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE') && kind !== '/') {
    for (const k of query.keys()) if (SUBRESOURCES.has(k)) return undefined;
    // A PUT with a copy source is CopyObject (or UploadPartCopy), not a PutObject of an empty body.
    if (req.method === 'PUT' && req.headers['x-amz-copy-source'] !== undefined) return undefined;
  }
  return best;
}

/** Query keys that select another S3 operation on the same path (ListObjects v1 has none). */
const SUBRESOURCES = new Set([
  'acl',
  'cors',
  'delete',
  'encryption',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'policy',
  'replication',
  'tagging',
  'uploads',
  'uploadId',
  'versioning',
  'versions',
  'website',
  'object-lock',
  'retention',
  'legal-hold',
  'attributes',
  'ownershipControls',
  'publicAccessBlock',
  'accelerate',
  'requestPayment',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'restore',
  'select',
  'torrent',
]);

export const restXml: WireProtocol = {
  decode(model, req) {
    const t = target(req);
    const query = parseForm(req.rawQuery);
    const op = route(model, req, t, query);
    if (!op) {
      throw new WorldError(
        'NotImplemented',
        `A header or query you provided implies functionality that is not implemented (${req.method} ${t.key !== undefined ? '/{Bucket}/{Key}' : t.bucket !== undefined ? '/{Bucket}' : '/'}${req.rawQuery ? `?${req.rawQuery}` : ''}); ibex's S3 answers ListBuckets, CreateBucket, DeleteBucket, HeadBucket, ListObjects, ListObjectsV2, HeadObject, GetObject, PutObject and DeleteObject.`,
      );
    }
    const input: Doc = {};
    const shape = op.input ? model.shapes[op.input.shape]! : undefined;
    for (const [name, m] of Object.entries(shape?.members ?? {})) {
      const ms = model.shapes[m.shape]!;
      if (m.location === 'uri') {
        const v = m.locationName === 'Bucket' ? t.bucket : t.key;
        if (v !== undefined) input[name] = v;
      } else if (m.location === 'querystring') {
        const v = query.get(m.locationName!);
        if (v !== undefined) input[name] = scalarFrom(v, ms, m.locationName!);
      } else if (m.location === 'header') {
        const v = headerOf(req.headers, m.locationName!.toLowerCase());
        if (v !== undefined) input[name] = scalarFrom(v, ms, m.locationName!);
      } else if (m.location === 'headers') {
        const prefix = m.locationName!.toLowerCase();
        const meta: Record<string, string> = {};
        for (const [h, v] of Object.entries(req.headers)) if (h.startsWith(prefix) && typeof v === 'string') meta[h.slice(prefix.length)] = v;
        if (Object.keys(meta).length) input[name] = meta;
      } else if (shape?.payload === name) {
        if (ms.type === 'blob') input[name] = payloadOf(req);
        else if (req.body.length > 0) {
          const node = parseXml(req.body.toString('utf8'));
          if (!node) throw new WorldError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
          input[name] = fromXml(model, node, ms);
        }
      }
    }
    return { operation: op, input };
  },

  encode(model, op, output, requestId, req) {
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
    const shape = op.output ? model.shapes[op.output.shape] : undefined;
    let body: string | Buffer = '';
    for (const [name, m] of Object.entries(shape?.members ?? {})) {
      const v = output[name];
      if (v === undefined || v === null) continue;
      const ms = model.shapes[m.shape]!;
      if (m.location === 'header') headers[m.locationName!.toLowerCase()] = headerValue(v, ms, m);
      else if (m.location === 'headers') for (const [k, x] of Object.entries(v as Record<string, string>)) headers[`${m.locationName!.toLowerCase()}${k}`] = x;
      else if (shape?.payload === name) body = Buffer.isBuffer(v) ? v : Buffer.from(String(v));
    }
    if (shape && !shape.payload && Object.entries(shape.members ?? {}).some(([n, m]) => !m.location && output[n] !== undefined)) {
      const root = OUTPUT_ROOT[op.name] ?? shape.locationName ?? op.name;
      body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NS}">${xmlMembers(model, shape, output)}</${root}>`;
      headers['content-type'] = 'application/xml';
    }
    // A HEAD answer reports the object's length but sends no body.
    if (req.method === 'HEAD') {
      headers['content-length'] ??= '0';
      body = '';
    }
    // A ranged GetObject/HeadObject answers 206 Partial Content; the model has no status member for it.
    const partial = (op.name === 'GetObject' || op.name === 'HeadObject') && output.ContentRange !== undefined;
    return { status: partial ? 206 : (op.http.responseCode ?? 200), headers, body };
  },

  encodeError(model, err, requestId, req) {
    const status = err.status ?? modelStatus(model, err.code) ?? S3_STATUS[err.code] ?? 400;
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, 'content-type': 'application/xml' };
    if (req.method === 'HEAD') return { status, headers: { ...headers, 'content-length': '0' }, body: '' };
    const extra = Object.entries(err.extra)
      .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
      .join('');
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
    return { status, headers, body };
  },

  invalid(v: Violation) {
    if (v.path === 'Bucket') return new WorldError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: v.value });
    return new WorldError(v.missing ? 'MissingParameter' : 'InvalidArgument', `${v.path}: ${v.constraint}.`);
  },
};
