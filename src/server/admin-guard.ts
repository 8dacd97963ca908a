// The guard in front of /_ibex/* (except /_ibex/health). Always: the Host must be the server's own
// (an IP literal, `localhost`, the bound host or the --public-url's host — a DNS-rebound name is
// none of these), a state-changing request must say Content-Type: application/json (or YAML for
// POST /_ibex/world) and must not come from a foreign Origin: no page on another site can drive
// the admin API. With --strict-auth, a request also needs an admin credential from the file:
// SigV4 like the API (signing name `imagebuilder` or `ibex`) or `Authorization: Bearer <adminToken>`.
import { isIP } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { StrictCredential } from '../protocol/auth.js';
import { ImagebuilderError } from '../protocol/errors.js';
import { parseSigV4, verifySigV4, type SignedRequest } from '../protocol/sigv4.js';

export interface AdminGuardOptions {
  strict?: Map<string, StrictCredential>;
  /** The address the server is bound to (its own name is always acceptable as Host). */
  boundHost: string;
  /** --public-url: the name clients use to reach this server from elsewhere. */
  publicUrl?: string;
  now: () => Date;
}

/** Who called an admin route: an account when the request carried credentials. */
export interface AdminCaller {
  accountId?: string;
}

/** A refused admin request. */
export interface AdminRefusal {
  status: number;
  body: { __type: string; message: string };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const YAML_TYPE = /^(application\/(x-)?yaml|text\/(x-)?yaml)\s*(;|$)/i;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

const refuse = (status: number, type: string, message: string): AdminRefusal => ({ status, body: { __type: type, message } });

/** Checks an admin request; returns the caller, or why it is refused. */
export function guardAdmin(req: SignedRequest, path: string, opts: AdminGuardOptions): AdminCaller | AdminRefusal {
  const host = first(req.headers.host) ?? '';
  const name = hostnameOf(host);
  const publicHost = opts.publicUrl ? new URL(opts.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase() : undefined;
  const ownName = (n: string | undefined): boolean =>
    n !== undefined && (isIP(n) !== 0 || n === 'localhost' || n.endsWith('.localhost') || n === opts.boundHost.toLowerCase() || n === publicHost);
  if (!ownName(name)) {
    return refuse(
      403,
      'AccessDeniedException',
      `The Host '${host}' is not this server's; admin requests must use a loopback address, an IP address or the --public-url host.`,
    );
  }
  if (!SAFE.has(req.method)) {
    const origin = first(req.headers.origin);
    if (origin !== undefined) {
      let ok: boolean;
      try {
        const o = new URL(origin);
        ok = o.host.toLowerCase() === host.toLowerCase() || (opts.publicUrl !== undefined && o.origin === new URL(opts.publicUrl).origin);
      } catch {
        ok = false; // "null" and anything unparsable
      }
      if (!ok) return refuse(403, 'AccessDeniedException', `Cross-origin admin requests are refused (Origin '${origin}').`);
    }
    const ctype = first(req.headers['content-type']) ?? '';
    const yamlOk = path === '/_ibex/world' && req.method === 'POST';
    if (!JSON_TYPE.test(ctype) && !(yamlOk && YAML_TYPE.test(ctype))) {
      return refuse(
        415,
        'UnsupportedMediaTypeException',
        `A state-changing admin request needs Content-Type: application/json${yamlOk ? ' (or application/yaml)' : ''}; got '${ctype}'.`,
      );
    }
  }
  if (!opts.strict) return callerOf(req);
  return authenticateAdmin(req, opts.strict, opts.now);
}

/** Without --strict-auth: the account a SigV4 access key names, if any (never verified). */
function callerOf(req: SignedRequest): AdminCaller {
  const auth = first(req.headers.authorization);
  const m = auth ? /Credential=(\d{12})\//.exec(auth) : null;
  return m ? { accountId: m[1]! } : {};
}

function authenticateAdmin(req: SignedRequest, strict: Map<string, StrictCredential>, now: () => Date): AdminCaller | AdminRefusal {
  const auth = first(req.headers.authorization) ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  if (bearer) {
    const given = Buffer.from(bearer[1]!);
    for (const c of strict.values()) {
      if (!c.admin || !c.adminToken) continue;
      const want = Buffer.from(c.adminToken);
      if (want.length === given.length && timingSafeEqual(want, given)) return { accountId: c.accountId };
    }
    return refuse(403, 'AccessDeniedException', 'The bearer token is not an admin token of this server.');
  }
  const hasQuery = /(^|&)X-Amz-Credential=/.test(req.rawQuery);
  if (!auth && !hasQuery) {
    return refuse(
      403,
      'AccessDeniedException',
      'The admin API needs admin credentials with --strict-auth: sign the request (SigV4) or send Authorization: Bearer <adminToken>.',
    );
  }
  try {
    const cred = parseSigV4(req);
    const known = strict.get(cred.accessKeyId);
    if (!known) return refuse(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    verifySigV4(req, cred, known.secretAccessKey, now(), cred.service === 'ibex' ? 'ibex' : 'imagebuilder');
    if (!known.admin)
      return refuse(403, 'AccessDeniedException', `The credential '${cred.accessKeyId}' is not an admin credential (set admin: true in the credentials file).`);
    return { accountId: known.accountId };
  } catch (e) {
    if (e instanceof ImagebuilderError) return refuse(e.status, e.code, e.message);
    throw e;
  }
}

/** True for a refusal (the other branch is a caller). */
export function isRefusal(r: AdminCaller | AdminRefusal): r is AdminRefusal {
  return 'status' in r;
}
