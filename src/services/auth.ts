// Who calls a world service: the SigV4 access key selects the account exactly as for Image
// Builder (a 12-digit key is the account, any other is the default account; strict mode knows
// each key), and a session token from STS AssumeRole makes the call act as that role. Failures
// are answered with each service's own authentication error.
import type { CloudScope } from '../cloud/ports.js';
import { decodeSession } from '../cloud/simulated/sim.js';
import type { AuthOptions } from '../protocol/auth.js';
import { ImagebuilderError } from '../protocol/errors.js';
import { parseCredentialScope, parseSigV4, verifySigV4, type SignedRequest } from '../protocol/sigv4.js';
import { headerOf } from '../protocol/world-protocol.js';
import { WorldError, type WorldServiceName } from './world-call.js';
import { sessionSecret } from './sts/session.js';

type AuthFailure = 'unknownKey' | 'badSignature' | 'missing';

/** Each protocol family's authentication errors: code, status, message. */
function authError(service: WorldServiceName, kind: AuthFailure, detail: string): WorldError {
  if (service === 'ec2') {
    return kind === 'missing'
      ? new WorldError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
      : new WorldError('AuthFailure', kind === 'unknownKey' ? 'AWS was not able to validate the provided access credentials' : detail, 401);
  }
  if (service === 'sts' || service === 'iam') {
    if (kind === 'unknownKey') return new WorldError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    if (kind === 'missing') return new WorldError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    return new WorldError('SignatureDoesNotMatch', detail, 403);
  }
  if (service === 's3') {
    if (kind === 'unknownKey') return new WorldError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    if (kind === 'missing') return new WorldError('AccessDenied', 'Access Denied', 403);
    return new WorldError('SignatureDoesNotMatch', detail, 403);
  }
  if (kind === 'unknownKey') return new WorldError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
  if (kind === 'missing') return new WorldError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  return new WorldError('InvalidSignatureException', detail, 400);
}

/** The authenticated caller of a world call. */
export interface WorldCaller {
  accessKeyId: string;
  scope: CloudScope;
}

/** Authenticates; throws the service's own WorldError on failure. */
export function authenticateWorld(req: SignedRequest, service: WorldServiceName, opts: AuthOptions): WorldCaller {
  const token = headerOf(req.headers, 'x-amz-security-token') ?? new URLSearchParams(req.rawQuery).get('X-Amz-Security-Token') ?? undefined;
  const claims = token ? decodeSession(token) : null;
  let accessKeyId: string;
  let region: string;
  let accountId: string;
  try {
    if (opts.strict) {
      const cred = parseSigV4(req);
      const known = opts.strict.get(cred.accessKeyId);
      const secret = known?.secretAccessKey ?? (claims && token ? sessionSecret(token) : undefined);
      if (!secret) throw authError(service, 'unknownKey', '');
      verifySigV4(req, cred, secret, opts.now(), service, service === 's3' ? { s3: true } : undefined);
      accessKeyId = cred.accessKeyId;
      region = cred.region;
      accountId = known?.accountId ?? claims!.a;
    } else {
      const cred = parseCredentialScope(req);
      accessKeyId = cred.accessKeyId;
      region = cred.region;
      accountId = /^\d{12}$/.test(accessKeyId) ? accessKeyId : opts.defaultAccountId;
    }
  } catch (e) {
    if (e instanceof WorldError) throw e;
    if (e instanceof ImagebuilderError) throw authError(service, e.code === 'MissingAuthenticationTokenException' ? 'missing' : 'badSignature', e.message);
    throw e;
  }
  if (!token) return { accessKeyId, scope: { accountId, region } };
  // A session acts as the role's account; the simulated ports check the token's claims.
  return {
    accessKeyId,
    scope: {
      accountId: claims?.a ?? accountId,
      region,
      credentials: { accessKeyId, secretAccessKey: '', sessionToken: token, expiration: claims ? new Date(claims.x).toISOString() : '' },
    },
  };
}
