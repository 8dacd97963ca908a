// Resolves the calling account and Region from SigV4. Default mode: a 12-digit access key *is*
// the account id (the best-known emulator's convention), any other key is the default account.
// Strict mode (--strict-auth FILE) knows each key's secret and verifies every signature.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Scope } from '../domain/scope.js';
import { UnrecognizedClientException } from './errors.js';
import { parseCredentialScope, parseSigV4, verifySigV4, type SignedRequest } from './sigv4.js';

/** The authenticated caller. */
export interface Caller extends Scope {
  accessKeyId: string;
}

/** One strict-auth credential. */
export interface StrictCredential {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** May call the admin API (/_ibex/*) with this credential's SigV4 or its adminToken. */
  admin?: boolean;
  /** A bearer token for the admin API (`Authorization: Bearer <adminToken>`); needs `admin`. */
  adminToken?: string;
}

export interface AuthOptions {
  defaultAccountId: string;
  /** When set, signatures are verified against these credentials only. */
  strict?: Map<string, StrictCredential>;
  now: () => Date;
}

/** Authenticates a request, returning the caller's account and Region. */
export function authenticate(req: SignedRequest, opts: AuthOptions): Caller {
  if (opts.strict) {
    const cred = parseSigV4(req);
    const known = opts.strict.get(cred.accessKeyId);
    if (!known) throw new UnrecognizedClientException();
    verifySigV4(req, cred, known.secretAccessKey, opts.now(), 'imagebuilder');
    return { accessKeyId: cred.accessKeyId, accountId: known.accountId, region: cred.region };
  }
  const cred = parseCredentialScope(req);
  const accountId = /^\d{12}$/.test(cred.accessKeyId) ? cred.accessKeyId : opts.defaultAccountId;
  return { accessKeyId: cred.accessKeyId, accountId, region: cred.region };
}

/** Loads a strict-auth file: `{credentials: [{accessKeyId, secretAccessKey, accountId, admin?, adminToken?}]}` (JSON or YAML). */
export function loadStrictCredentials(file: string): Map<string, StrictCredential> {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { credentials?: unknown };
  if (!doc || !Array.isArray(doc.credentials)) throw new Error(`${file}: expected a 'credentials' list`);
  const out = new Map<string, StrictCredential>();
  doc.credentials.forEach((c: Record<string, unknown>, i: number) => {
    const { accessKeyId, secretAccessKey, accountId, admin, adminToken } = c ?? {};
    if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
      throw new Error(`${file}: credentials[${i}] needs string accessKeyId, secretAccessKey and a 12-digit accountId`);
    }
    if (admin !== undefined && typeof admin !== 'boolean') throw new Error(`${file}: credentials[${i}].admin must be true or false`);
    if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken.length < 16 || !admin)) {
      throw new Error(`${file}: credentials[${i}].adminToken must be a string of at least 16 characters on an admin: true credential`);
    }
    out.set(accessKeyId, { accessKeyId, secretAccessKey, accountId, ...(admin ? { admin } : {}), ...(typeof adminToken === 'string' ? { adminToken } : {}) });
  });
  return out;
}
