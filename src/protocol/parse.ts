// Builds an operation's input from the path labels, query string, headers and JSON body,
// following the model's bindings. Wrong JSON types are SerializationExceptions (as AWS's
// rest-json deserializer reports them); constraint checks happen later, in validate.ts.
import { SHAPES } from '../model/generated/shapes.js';
import type { MemberDef, OperationDef, ShapeDef } from '../model/shape.js';
import { SerializationException } from './errors.js';
import type { QueryParams } from './query.js';

/** The raw parts of a request that carry input. */
export interface RawRequest {
  labels: Record<string, string>;
  query: QueryParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One structure member with its binding, resolved once per shape (not per request). */
interface Binding {
  name: string;
  member: MemberDef;
  shape: ShapeDef;
  /** Label, query key or lower-cased header name. */
  key: string;
}

const bindingCache = new Map<string, Binding[]>();
function bindings(structureShape: string): Binding[] {
  let list = bindingCache.get(structureShape);
  if (!list) {
    list = Object.entries(SHAPES[structureShape]!.members ?? {}).map(([name, member]) => ({
      name,
      member,
      shape: SHAPES[member.shape]!,
      key: member.location === 'header' ? (member.locationName ?? name).toLowerCase() : (member.locationName ?? name),
    }));
    bindingCache.set(structureShape, list);
  }
  return list;
}

/** Parses the request into the operation's input object (unknown JSON members are dropped). */
export function parseInput(op: OperationDef, raw: RawRequest): Record<string, unknown> {
  if (!op.input) return {};
  const input: Record<string, unknown> = {};
  const hasBody = op.method === 'PUT' || op.method === 'POST';
  let body: Record<string, unknown> = {};
  if (hasBody && raw.body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.body.toString('utf8'));
    } catch (e) {
      throw new SerializationException(`Request body is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new SerializationException('Request body must be a JSON object.');
    }
    body = parsed as Record<string, unknown>;
  }
  for (const { name, member, shape: mshape, key } of bindings(op.input)) {
    if (member.location === 'uri') {
      const v = raw.labels[key];
      if (v !== undefined) input[name] = fromText(v, mshape, name);
    } else if (member.location === 'querystring') {
      if (mshape.type === 'list') {
        const all = raw.query.getAll(key);
        if (all.length > 0) input[name] = all.map((v) => fromText(v, SHAPES[mshape.member!]!, name));
      } else {
        const v = raw.query.get(key);
        if (v !== null) input[name] = fromText(v, mshape, name);
      }
    } else if (member.location === 'header') {
      const v = raw.headers[key];
      if (typeof v === 'string') input[name] = fromText(v, mshape, name);
    } else if (hasBody && Object.prototype.hasOwnProperty.call(body, name)) {
      const v = fromJson(body[name], member.shape, name);
      if (v !== undefined) input[name] = v;
    }
  }
  return input;
}

function fromText(v: string, shape: ShapeDef, path: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(v)) throw new SerializationException(`Value '${v}' for '${path}' is not an integer.`);
      return Number(v);
    }
    case 'double': {
      const n = Number(v);
      if (v.trim() === '' || Number.isNaN(n)) throw new SerializationException(`Value '${v}' for '${path}' is not a number.`);
      return n;
    }
    case 'boolean':
      if (v !== 'true' && v !== 'false') throw new SerializationException(`Value '${v}' for '${path}' is not a boolean.`);
      return v === 'true';
    default:
      return v;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function mismatch(path: string, expected: string, v: unknown): SerializationException {
  return new SerializationException(`Expected ${expected} for '${path}' but found ${typeName(v)}.`);
}

/** Converts a JSON value to the shape's type; null means absent, as AWS's deserializer treats it. */
function fromJson(v: unknown, shapeName: string, path: string): unknown {
  if (v === null) return undefined;
  const shape = SHAPES[shapeName]!;
  switch (shape.type) {
    case 'string':
      if (typeof v !== 'string') throw mismatch(path, 'a string', v);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw mismatch(path, 'a boolean', v);
      return v;
    case 'integer':
    case 'long':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw mismatch(path, 'an integer', v);
      return v;
    case 'double':
      if (typeof v !== 'number') throw mismatch(path, 'a number', v);
      return v;
    case 'timestamp':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v) / 1000;
      throw mismatch(path, 'a timestamp', v);
    case 'list': {
      if (!Array.isArray(v)) throw mismatch(path, 'a list', v);
      const out: unknown[] = [];
      v.forEach((item, i) => {
        const x = fromJson(item, shape.member!, `${path}[${i}]`);
        if (x !== undefined) out.push(x);
      });
      return out;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) throw mismatch(path, 'a map', v);
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
        const x = fromJson(val, shape.value!, `${path}.${k}`);
        if (x !== undefined) out[k] = x;
      }
      return out;
    }
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) throw mismatch(path, 'a structure', v);
      const out: Record<string, unknown> = {};
      for (const { name, member } of bindings(shapeName)) {
        if (!Object.prototype.hasOwnProperty.call(v, name)) continue;
        const x = fromJson((v as Record<string, unknown>)[name], member.shape, `${path}.${name}`);
        if (x !== undefined) out[name] = x;
      }
      return out;
    }
  }
}
