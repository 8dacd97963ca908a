// The contract every world-service wire protocol implements (src/protocol/ec2-query.ts,
// aws-query.ts, json-1-1.ts, rest-xml.ts): find the operation and decode its input, encode an
// output, encode an error — each exactly as that protocol puts it on the wire.
import type { Doc, WorldError } from './world-error.js';
import type { ServiceModel, WOperation } from '../model/world-shape.js';
import type { Violation } from './world-validate.js';

/** A request as the HTTP layer received it (path and query still encoded). */
export interface WireRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A response ready to send. `content-length` in headers wins over the body's length (HEAD). */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** The operation a request names, with its decoded input. */
export interface Decoded {
  operation: WOperation;
  input: Doc;
}

export interface WireProtocol {
  /** Routes and decodes; throws WorldError for an unknown operation or undecodable input. */
  decode(model: ServiceModel, req: WireRequest): Decoded;
  /** The operation's name as far as it can be read before decoding (for logs), else undefined. */
  encode(model: ServiceModel, op: WOperation, output: Doc, requestId: string, req: WireRequest): WireResponse;
  encodeError(model: ServiceModel, err: WorldError, requestId: string, req: WireRequest): WireResponse;
  /** The error a model-constraint violation gives in this protocol. */
  invalid(v: Violation): WorldError;
}

/** A header's value as one string. */
export function headerOf(h: WireRequest['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The status an error shape of the model declares for `code`, if any. */
export function modelStatus(model: ServiceModel, code: string): number | undefined {
  const direct = model.shapes[code];
  if (direct?.exception) return direct.error?.httpStatusCode;
  for (const s of Object.values(model.shapes)) if (s.exception && s.error?.code === code) return s.error.httpStatusCode;
  return undefined;
}
