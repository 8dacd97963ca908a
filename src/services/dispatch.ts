// One endpoint, many services: a request signed for `ec2`, `ssm`, `s3`, … (the SigV4 credential
// scope's service) is answered by that service of the simulated world, in its own protocol:
// authenticate → route and decode → validate against the model → handle → encode. Every failure
// is the service's own error in its own wire format; an unexpected one is logged, never shown.
import { randomUUID } from 'node:crypto';
import { CloudError } from '../cloud/ports.js';
import { OPERATIONS } from '../model/generated/operations.js';
import type { AuthOptions } from '../protocol/auth.js';
import type { World } from '../world/index.js';
import { WORLD_MODELS } from '../model/generated/world/index.js';
import { awsQuery } from '../protocol/aws-query.js';
import { ec2Query } from '../protocol/ec2-query.js';
import { json11 } from '../protocol/json-1-1.js';
import { restXml } from '../protocol/rest-xml.js';
import type { WireProtocol, WireRequest, WireResponse } from '../protocol/world-protocol.js';
import { authenticateWorld } from './auth.js';
import { WorldError, type WorldServiceName } from './world-call.js';
import { WORLD_HANDLERS } from './registry.js';
import { validateInput } from '../protocol/world-validate.js';

const PROTOCOLS: Record<string, WireProtocol> = { ec2: ec2Query, query: awsQuery, json: json11, 'rest-xml': restXml };

const SERVICES = new Set<string>(['ec2', 'ssm', 'ecr', 's3', 'sts', 'iam', 'kms', 'organizations', 'license-manager']);
const SCOPE_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/**
 * The world service a request is signed for, or undefined (Image Builder, the console, the admin
 * API, unsigned requests). Reads only the Authorization header or a presigned query's credential.
 */
export function worldServiceOf(headers: WireRequest['headers'], rawQuery: string): WorldServiceName | undefined {
  const auth = headers['authorization'];
  let m: RegExpExecArray | null = null;
  if (typeof auth === 'string') m = SCOPE_SERVICE.exec(auth);
  else if (rawQuery.includes('X-Amz-Credential=')) {
    const cred = new URLSearchParams(rawQuery).get('X-Amz-Credential');
    if (cred) m = SCOPE_SERVICE.exec(`Credential=${cred}`);
  }
  const svc = m?.[1];
  return svc && SERVICES.has(svc) ? (svc as WorldServiceName) : undefined;
}

/** The first path segments of Image Builder's operations (`ListImages`, `tags`, …). */
const IMAGEBUILDER_SEGMENTS = new Set(Object.values(OPERATIONS).map((o) => o.uri.split('/')[1]!.split('?')[0]!));

/**
 * True for a request signed for S3 whose path is not an Image Builder operation's (an S3 path may
 * start upper-case: `/Bucket`). An Image Builder path signed for S3 stays Image Builder's, which
 * refuses the signature's service as AWS does.
 */
export function s3Signed(headers: WireRequest['headers'], rawPath: string): boolean {
  const auth = headers['authorization'];
  if (typeof auth !== 'string' || !auth.includes('/s3/aws4_request')) return false;
  const seg = rawPath.split('/')[1] ?? '';
  return !IMAGEBUILDER_SEGMENTS.has(seg);
}

/** What the access log needs about one world call. */
export interface WorldLog {
  requestId: string;
  operation?: string;
  accountId?: string;
  region?: string;
  error?: string;
  stack?: string;
}

export interface WorldApiOptions extends AuthOptions {
  world: World;
}

/** Builds the handler of world-service requests. */
export function createWorldApi(opts: WorldApiOptions): (req: WireRequest, service: WorldServiceName) => Promise<WireResponse & { log: WorldLog }> {
  return async (req, service) => {
    const requestId = randomUUID();
    const log: WorldLog = { requestId };
    const model = WORLD_MODELS[service]!;
    const protocol = PROTOCOLS[model.metadata.protocol]!;
    try {
      const caller = authenticateWorld(req, service, opts);
      log.accountId = caller.scope.accountId;
      log.region = caller.scope.region;
      const { operation, input } = protocol.decode(model, req);
      log.operation = `${service}:${operation.name}`;
      const handler = WORLD_HANDLERS[service][operation.name];
      if (!handler) throw notImplemented(service, operation.name);
      if (operation.input) {
        // EC2 words its own value errors (InvalidAMIName.Malformed, …); the model's required members hold for all.
        const v = validateInput(model, operation.input.shape, input, service === 'ec2');
        if (v) throw protocol.invalid(v);
      }
      const output =
        (await handler(input, {
          service,
          operation: operation.name,
          scope: caller.scope,
          accessKeyId: caller.accessKeyId,
          requestId,
          ports: opts.world.ports,
          sim: opts.world.sim,
          body: req.body,
        })) ?? {};
      return { ...protocol.encode(model, operation, output, requestId, req), log };
    } catch (e) {
      let err: WorldError;
      if (e instanceof WorldError) err = e;
      else if (e instanceof CloudError) err = new WorldError(e.code, e.message);
      else {
        log.stack = (e as Error)?.stack ?? String(e);
        err = internalError(service);
      }
      log.error = err.code;
      return { ...protocol.encodeError(model, err, requestId, req), log };
    }
  };
}

/** Each service's answer to an operation its model has but ibex does not implement. */
function notImplemented(service: WorldServiceName, op: string): WorldError {
  const msg = `ibex's simulated ${service} does not implement ${op}.`;
  if (service === 'ec2' || service === 'sts' || service === 'iam') return new WorldError('InvalidAction', msg);
  if (service === 's3') return new WorldError('NotImplemented', msg);
  return new WorldError('UnknownOperationException', msg);
}

function internalError(service: WorldServiceName): WorldError {
  if (service === 'ec2' || service === 's3') return new WorldError('InternalError', 'An internal error has occurred.', 500);
  if (service === 'sts' || service === 'iam')
    return new WorldError(service === 'iam' ? 'ServiceFailure' : 'InternalFailure', 'An internal error has occurred.', 500);
  return new WorldError('InternalFailure', 'An internal error has occurred.', 500);
}
