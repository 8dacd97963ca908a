// Decodes a form-encoded query request (EC2 and awsQuery) into a modelled input, by the shapes:
// EC2 names each member by `queryName` or its capitalised `locationName` and flattens every list
// (`ImageId.1`); awsQuery uses the member name and wraps lists as `.member.N` unless flattened.
// Scalars are converted by type; a value that does not convert is the caller's error.
import { WorldError } from './world-error.js';
import type { ServiceModel, WMember, WShape } from '../model/world-shape.js';

/** Parses `a=1&b=2` (form or query string) into a map; later duplicates win, as AWS does. */
export function parseForm(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = decode(i < 0 ? part : part.slice(0, i));
    out.set(k, decode(i < 0 ? '' : part.slice(i + 1)));
  }
  return out;
}

function decode(s: string): string {
  // Most keys and values (`ImageId.1`, `ami-…`) hold neither escapes nor '+': nothing to decode.
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export interface FormOptions {
  ec2: boolean;
  /** The error a value of the wrong type gives (`InvalidParameterValue`, `ValidationError`). */
  badValue: (key: string, value: string, type: string) => WorldError;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The wire key of a structure member. */
function memberKey(name: string, m: WMember, ec2: boolean): string {
  if (ec2) return m.queryName ?? (m.locationName ? cap(m.locationName) : name);
  return m.locationName ?? name;
}

/** A structure member as decoding needs it: its name, wire key and shape. */
interface WireMember {
  name: string;
  key: string;
  shape: WShape;
}

/** Each structure's wire members, per model, shape and protocol (EC2 or awsQuery), made once. */
const wireMembers = new WeakMap<ServiceModel, Map<WShape, [WireMember[] | undefined, WireMember[] | undefined]>>();

function membersOf(model: ServiceModel, s: WShape, ec2: boolean): WireMember[] {
  let byShape = wireMembers.get(model);
  if (!byShape) wireMembers.set(model, (byShape = new Map()));
  let pair = byShape.get(s);
  if (!pair) byShape.set(s, (pair = [undefined, undefined]));
  const i = ec2 ? 0 : 1;
  return (pair[i] ??= Object.entries(s.members ?? {}).map(([name, m]) => ({ name, key: memberKey(name, m, ec2), shape: model.shapes[m.shape]! })));
}

/** Decodes the params for `shapeName`; `used` collects every key it read (to find unknown ones). */
export function decodeForm(model: ServiceModel, shapeName: string, params: Map<string, string>, opts: FormOptions, used: Set<string>): Record<string, unknown> {
  const prefixes = new Set<string>();
  for (const k of params.keys()) {
    let i = k.indexOf('.');
    while (i >= 0) {
      prefixes.add(k.slice(0, i));
      i = k.indexOf('.', i + 1);
    }
    prefixes.add(k);
  }
  const read = (prefix: string, s: WShape): unknown => {
    switch (s.type) {
      case 'structure': {
        const obj: Record<string, unknown> = {};
        let any = false;
        for (const m of membersOf(model, s, opts.ec2)) {
          const key = prefix ? `${prefix}.${m.key}` : m.key;
          if (!prefixes.has(key)) continue;
          const v = read(key, m.shape);
          if (v !== undefined) {
            obj[m.name] = v;
            any = true;
          }
        }
        return any || !prefix ? obj : undefined;
      }
      case 'list': {
        const member = s.member!;
        const base = opts.ec2 || s.flattened ? prefix : `${prefix}.${member.locationName ?? 'member'}`;
        const out: unknown[] = [];
        // An empty list is sent as the bare key with an empty value (awsQuery).
        if (params.get(prefix) === '') used.add(prefix);
        for (let i = 1; prefixes.has(`${base}.${i}`); i++) {
          const v = read(`${base}.${i}`, model.shapes[member.shape]!);
          if (v !== undefined) out.push(v);
        }
        return out;
      }
      case 'map': {
        const base = s.flattened ? prefix : `${prefix}.entry`;
        const out: Record<string, unknown> = {};
        for (let i = 1; prefixes.has(`${base}.${i}`); i++) {
          const k = params.get(`${base}.${i}.${s.key!.locationName ?? 'key'}`);
          used.add(`${base}.${i}.${s.key!.locationName ?? 'key'}`);
          if (k === undefined) continue;
          out[k] = read(`${base}.${i}.${s.value!.locationName ?? 'value'}`, model.shapes[s.value!.shape]!);
        }
        return out;
      }
      default: {
        const raw = params.get(prefix);
        if (raw === undefined) return undefined;
        used.add(prefix);
        return convert(prefix, raw, s, opts);
      }
    }
  };
  return read('', model.shapes[shapeName]!) as Record<string, unknown>;
}

function convert(key: string, raw: string, s: WShape, opts: FormOptions): unknown {
  switch (s.type) {
    case 'boolean':
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw opts.badValue(key, raw, 'boolean');
    case 'integer':
    case 'long':
      if (/^-?\d{1,15}$/.test(raw)) return Number(raw);
      throw opts.badValue(key, raw, 'integer');
    case 'double':
    case 'float': {
      const n = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(n)) return n;
      throw opts.badValue(key, raw, 'number');
    }
    case 'timestamp': {
      const d = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
      if (!Number.isNaN(d.getTime())) return d;
      throw opts.badValue(key, raw, 'timestamp');
    }
    default:
      return raw;
  }
}
