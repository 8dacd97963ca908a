// The request pipeline for the Image Builder API: route → authenticate → parse → validate →
// idempotency → handle → serialize (docs/architecture.md). Returns status, headers and body; errors
// are AWS-shaped, and anything unexpected is a ServiceException whose stack is logged, never sent.
import { randomUUID } from 'node:crypto';
import { SHAPES } from '../model/generated/shapes.js';
import {
  InvalidParameterException,
  InvalidParameterValueException,
  CallRateLimitExceededException,
  InvalidRequestException,
  ServiceException,
  ServiceUnavailableException,
} from '../model/generated/errors.js';
import { CloudError } from '../cloud/ports.js';
import type { RateLimiter } from './rate-limit.js';
import { DISK_FULL_MESSAGE, isDiskFull } from './storage-health.js';
import { CorruptRowError } from '../store/errors.js';
import type { OperationName } from '../model/generated/operations.js';
import type { Ctx, Handler, Services } from '../operations/handler.js';
import { idempotent } from '../operations/idempotency.js';
import { handlers } from '../operations/index.js';
import { authenticate, type AuthOptions, type Caller } from '../protocol/auth.js';
import { ImagebuilderError, UnknownOperationException, UnsupportedMediaTypeException } from '../protocol/errors.js';
import { parseInput } from '../protocol/parse.js';
import { parseQuery } from '../protocol/query.js';
import { serializeOutput } from '../protocol/serialize.js';
import { createRouter } from '../protocol/router.js';
import { validateShape, violationMessage } from '../protocol/validate.js';
import { OPERATIONS } from '../model/generated/operations.js';

/** A request as the HTTP layer received it. */
export interface ApiRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What to send back, plus what the access log needs. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A Buffer for raw bodies (S3 objects). */
  body: string | Buffer;
  log: { requestId: string; operation?: string; accountId?: string; region?: string; error?: string; stack?: string; storageFull?: boolean };
}

export interface ApiOptions extends AuthOptions {
  services: Services;
  /** Per-account request rate limit (off when absent). */
  rateLimit?: RateLimiter;
}

const JSON_TYPES = /^application\/(json|x-amz-json-1\.[01])\b/i;

/** Builds the API request handler. */
export function createApi(opts: ApiOptions): (req: ApiRequest) => Promise<ApiResponse> {
  const route = createRouter();
  // Handlers date what they create by the world's clock (which POST /_ibex/clock moves).
  const worldNow = (): Date => new Date(opts.services.lifecycle.clock.now());
  return async (req) => {
    const requestId = randomUUID();
    const log: ApiResponse['log'] = { requestId };
    try {
      const match = route(req.method, req.rawPath);
      if (!match) throw new UnknownOperationException(`No operation matches ${req.method} ${req.rawPath}.`);
      const op = match.op;
      log.operation = op.name;
      const caller: Caller = authenticate(req, opts);
      log.accountId = caller.accountId;
      log.region = caller.region;
      if (opts.rateLimit && !opts.rateLimit.take(`${caller.accountId}|${caller.region}`)) {
        throw new CallRateLimitExceededException('Rate exceeded');
      }
      const ctype = req.headers['content-type'];
      if (req.body.length > 0 && typeof ctype === 'string' && ctype !== '' && !JSON_TYPES.test(ctype)) {
        throw new UnsupportedMediaTypeException(`Unsupported Content-Type '${ctype}': the request body must be JSON.`);
      }
      const input = parseInput(op, { labels: match.labels, query: parseQuery(req.rawQuery), headers: req.headers, body: req.body });
      const handler = handlers[op.name] as Handler<OperationName> | null;
      if (!handler) throw new InvalidRequestException(`The operation '${op.name}' is not supported by ibex yet.`);
      if (op.input) {
        const v = validateShape(input, op.input);
        if (v) throw invalidParameter(op.name, violationMessage(v));
      }
      const ctx: Ctx = {
        scope: { accountId: caller.accountId, region: caller.region },
        requestId,
        services: opts.services,
        now: worldNow,
      };
      const tokenMember = op.input ? idempotencyMember(op.input) : undefined;
      const token = tokenMember ? (input[tokenMember] as string | undefined) : undefined;
      const run = () => handler(input as never, ctx);
      const output = token && tokenMember ? await idempotent(op.name, token, tokenMember, input, ctx, run) : await run();
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
        body: serializeOutput(output),
        log,
      };
    } catch (e) {
      let err: ImagebuilderError;
      if (e instanceof ImagebuilderError) {
        err = e;
      } else if (e instanceof CloudError) {
        // A cloud call made while answering (e.g. reading the source AMI): throttling means
        // "try again later"; anything else is the caller's world, not an ibex fault.
        err = e.retryable
          ? new ServiceUnavailableException(`The ${e.service} call behind this request was throttled or failed transiently (${e.code}); try again.`)
          : new InvalidRequestException(`${e.code}: ${e.message}`);
      } else if (isDiskFull(e)) {
        err = new ServiceUnavailableException(DISK_FULL_MESSAGE);
        log.storageFull = true;
      } else if (e instanceof CorruptRowError) {
        err = new ServiceUnavailableException(e.message);
      } else {
        err = new ServiceException('An internal error has occurred.');
        log.stack = (e as Error)?.stack ?? String(e);
      }
      log.error = err.code;
      return errorResponse(err, requestId, log);
    }
  };
}

/** Encodes an error the rest-json way: status, x-amzn-ErrorType, `{message}` plus `__type`. */
export function errorResponse(err: ImagebuilderError, requestId: string, log: ApiResponse['log'] = { requestId }): ApiResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
    body: JSON.stringify({ __type: err.code, message: err.message }),
    log,
  };
}

// The tag APIs model InvalidParameterException; everything else uses InvalidParameterValueException,
// which is what the real service sends for field validation (facts §0).
function invalidParameter(op: OperationName, message: string): ImagebuilderError {
  const errors = OPERATIONS[op].errors;
  if (errors.includes('InvalidParameterException') && !errors.includes('InvalidParameterValueException')) {
    return new InvalidParameterException(message);
  }
  return new InvalidParameterValueException(message);
}

const tokenMembers = new Map<string, string | undefined>();
function idempotencyMember(shape: string): string | undefined {
  if (!tokenMembers.has(shape)) {
    const found = Object.entries(SHAPES[shape]?.members ?? {}).find(([, m]) => m.idempotencyToken);
    tokenMembers.set(shape, found?.[0]);
  }
  return tokenMembers.get(shape);
}
