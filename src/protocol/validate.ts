// Enforces the model's constraints (required, length, range, pattern, enum, list and map sizes)
// on a parsed input. The first violation becomes AWS's "The value supplied for parameter
// '<path>' is not valid. <detail>" with an indexed path (distributions[1].amiDistribution…).
import { SHAPES } from '../model/generated/shapes.js';
import type { ShapeDef } from '../model/shape.js';
import { invalidParameter, type Violation } from '../domain/invalid-parameter.js';

export type { Violation };

const regexCache = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = regexCache.get(p);
  if (!r) {
    r = new RegExp(p);
    regexCache.set(p, r);
  }
  return r;
}

/** Formats a violation the way Image Builder words it. */
export function violationMessage(v: Violation): string {
  return invalidParameter(v.path, v.detail);
}

/** Returns the first violation of `shapeName`'s constraints in `value`, or undefined. */
export function validateShape(value: unknown, shapeName: string, path = ''): Violation | undefined {
  return check(value, SHAPES[shapeName]!, path, path);
}

function memberPath(parent: string, name: string): string {
  return parent ? `${parent}.${name}` : name;
}

// Smithy length counts Unicode scalar values, not UTF-16 units; strings without surrogates (nearly
// all) are counted by .length instead of iterating them.
const SURROGATE = /[\uD800-\uDFFF]/;
function lengthOf(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Each structure's members with their shapes, resolved once rather than on every request.
const memberCache = new Map<ShapeDef, [string, ShapeDef][]>();
function membersOf(s: ShapeDef): [string, ShapeDef][] {
  let list = memberCache.get(s);
  if (!list) {
    list = Object.entries(s.members ?? {}).map(([mn, m]) => [mn, SHAPES[m.shape]!]);
    memberCache.set(s, list);
  }
  return list;
}

function sizeRule(len: number, s: ShapeDef): string | undefined {
  if (s.min !== undefined && len < s.min) return `Member must have length greater than or equal to ${s.min}.`;
  if (s.max !== undefined && len > s.max) return `Member must have length less than or equal to ${s.max}.`;
  return undefined;
}

function check(value: unknown, s: ShapeDef, path: string, name: string): Violation | undefined {
  switch (s.type) {
    case 'string': {
      const str = value as string;
      const size = sizeRule(lengthOf(str), s);
      if (size) return { path, detail: size };
      if (s.enum && !s.enum.includes(str)) return { path, detail: `Member must satisfy enum value set: [${s.enum.join(', ')}].` };
      if (s.pattern && !regex(s.pattern).test(str)) {
        const leaf = name.replace(/^.*[.]/, '');
        return { path, detail: `'${leaf}' must match pattern ${s.pattern}` };
      }
      return undefined;
    }
    case 'integer':
    case 'long':
    case 'double': {
      const n = value as number;
      if (s.min !== undefined && n < s.min) return { path, detail: `Member must have value greater than or equal to ${s.min}.` };
      if (s.max !== undefined && n > s.max) return { path, detail: `Member must have value less than or equal to ${s.max}.` };
      return undefined;
    }
    case 'list': {
      const list = value as unknown[];
      const size = sizeRule(list.length, s);
      if (size) return { path, detail: size };
      const ms = SHAPES[s.member!]!;
      for (let i = 0; i < list.length; i++) {
        const v = check(list[i], ms, `${path}[${i}]`, name);
        if (v) return v;
      }
      return undefined;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      const size = sizeRule(keys.length, s);
      if (size) return { path, detail: size };
      const ks = SHAPES[s.key!]!;
      const vs = SHAPES[s.value!]!;
      for (const k of keys) {
        const kv = check(k, ks, path, name);
        if (kv) return { path, detail: `Key '${k}': ${kv.detail}` };
        const vv = check(map[k], vs, `${path}.${k}`, name);
        if (vv) return vv;
      }
      return undefined;
    }
    case 'structure': {
      const obj = value as Record<string, unknown>;
      for (const req of s.required ?? []) {
        if (obj[req] === undefined) return { path: memberPath(path, req), detail: 'Member must not be null.' };
      }
      for (const [mn, ms] of membersOf(s)) {
        const mv = obj[mn];
        if (mv === undefined) continue;
        const v = check(mv, ms, memberPath(path, mn), mn);
        if (v) return v;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
