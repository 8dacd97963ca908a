// The awsJson1.1 protocol (SSM, ECR, KMS, Organizations, License Manager): `POST /` with
// `X-Amz-Target: <prefix>.<Op>` and a JSON body; answers JSON (timestamps as epoch seconds) and
// errors as HTTP 400 (500 for server faults) with `{"__type","message"}` and `x-amzn-ErrorType`.
import { WorldError } from './world-error.js';
import type { ServiceModel, WShape } from '../model/world-shape.js';
import { coralMessage, type Violation } from './world-validate.js';
import { headerOf, type WireProtocol } from './world-protocol.js';

const SERVER_FAULTS = new Set([
  'InternalServerError',
  'InternalServerException',
  'ServerException',
  'KMSInternalException',
  'ServerInternalException',
  'ServiceException',
  'InternalFailure',
  'ServiceUnavailableException',
]);

function typeName(s: WShape): string {
  return s.type === 'structure' ? 'object' : s.type === 'list' ? 'array' : s.type;
}

/** Checks JSON types against the shapes and turns timestamps into Dates. */
function fromJson(model: ServiceModel, v: unknown, s: WShape, path: string): unknown {
  if (v === null) return undefined;
  const wrong = (): WorldError =>
    new WorldError('SerializationException', `Expected ${typeName(s)} at '${path || 'body'}' but found ${Array.isArray(v) ? 'array' : typeof v}.`);
  switch (s.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) throw wrong();
      const out: Record<string, unknown> = {};
      for (const [k, m] of Object.entries(s.members ?? {})) {
        const mv = (v as Record<string, unknown>)[k];
        if (mv !== undefined) {
          const c = fromJson(model, mv, model.shapes[m.shape]!, path ? `${path}.${k}` : k);
          if (c !== undefined) out[k] = c;
        }
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(v)) throw wrong();
      const item = model.shapes[s.member!.shape]!;
      return v.map((i, n) => {
        // A null member would reach the handler as a hole in the list: refuse it here.
        if (i === null) throw new WorldError('SerializationException', `Expected ${typeName(item)} at '${path}[${n}]' but found null.`);
        return fromJson(model, i, item, `${path}[${n}]`);
      });
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw wrong();
      return Object.fromEntries(Object.entries(v as object).map(([k, i]) => [k, fromJson(model, i, model.shapes[s.value!.shape]!, `${path}.${k}`)]));
    }
    case 'string':
    case 'blob':
      if (typeof v !== 'string') throw wrong();
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw wrong();
      return v;
    case 'timestamp':
      if (typeof v === 'number') return new Date(v * 1000);
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
      throw wrong();
    default:
      if (typeof v !== 'number') throw wrong();
      if ((s.type === 'integer' || s.type === 'long') && !Number.isInteger(v)) throw wrong();
      return v;
  }
}

/** Output to JSON by the shapes: only modelled members, timestamps as epoch seconds. */
function toJson(model: ServiceModel, v: unknown, s: WShape): unknown {
  if (v === undefined || v === null) return undefined;
  switch (s.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [k, m] of Object.entries(s.members ?? {})) {
        const c = toJson(model, (v as Record<string, unknown>)[k], model.shapes[m.shape]!);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
    case 'list':
      return (v as unknown[]).map((i) => toJson(model, i, model.shapes[s.member!.shape]!));
    case 'map':
      return Object.fromEntries(Object.entries(v as object).map(([k, i]) => [k, toJson(model, i, model.shapes[s.value!.shape]!)]));
    case 'timestamp': {
      const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(String(v));
      return ms / 1000;
    }
    default:
      return v;
  }
}

export const json11: WireProtocol = {
  decode(model, req) {
    const target = headerOf(req.headers, 'x-amz-target') ?? '';
    const prefix = `${model.metadata.targetPrefix}.`;
    const name = target.startsWith(prefix) ? target.slice(prefix.length) : undefined;
    const op = name ? model.operations[name] : undefined;
    if (!op)
      throw new WorldError('UnknownOperationException', target ? `The operation ${target} is not supported by this service.` : 'Missing X-Amz-Target header.');
    let body: unknown = {};
    if (req.body.length > 0) {
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        throw new WorldError('SerializationException', 'The request body is not valid JSON.');
      }
    }
    if (body === null) throw new WorldError('SerializationException', "Expected object at 'body' but found null.");
    const input = op.input ? (fromJson(model, body, model.shapes[op.input.shape]!, '') as Record<string, unknown>) : {};
    return { operation: op, input };
  },

  encode(model, op, output, requestId) {
    const body = op.output ? JSON.stringify(toJson(model, output, model.shapes[op.output.shape]!)) : '{}';
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body };
  },

  encodeError(_model, err, requestId) {
    const status = err.status ?? (SERVER_FAULTS.has(err.code) ? 500 : 400);
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
      body: JSON.stringify({ __type: err.code, message: err.message }),
    };
  },

  invalid(v: Violation) {
    return new WorldError('ValidationException', coralMessage(v));
  },
};
