// Enforces a world service's model constraints (required, length, range, pattern, enum) on a
// decoded input (for EC2: required members and enums). Each protocol words the first violation its own way (EC2 `MissingParameter` /
// `InvalidParameterValue`, Coral's "1 validation error detected: …" for query and JSON).
// Shapes from which no constraint is reachable are skipped, decided once per shape: most EC2
// inputs (DescribeImages) have nothing to check (test/protocol/world-validate-prune.test.ts).
import type { ServiceModel, WShape } from '../model/world-shape.js';

/** The first violation: the member path (model names, 1-based list indexes), what is wrong. */
export interface Violation {
  /** e.g. `Names` or `ParameterFilters.1.member.Key`. */
  path: string;
  /** The offending value, as Coral quotes it ('null' when missing). */
  value: string;
  /** `Member must not be null`, `Member must have length less than or equal to 10`, … */
  constraint: string;
  missing: boolean;
}

const regexes = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = regexes.get(p);
  if (r === undefined) {
    // botocore patterns are Java regexes; the few that JavaScript cannot read are not enforced.
    r = /^[\s\S]*$/;
    for (const flags of ['u', '']) {
      try {
        r = new RegExp(`^(?:${p})$`, flags);
        break;
      } catch {
        // try the next flags
      }
    }
    regexes.set(p, r);
  }
  return r;
}

const length = (s: string): number => [...s].length;
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Returns the first violation of the input shape's constraints in `value`. */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown, requiredOnly = false): Violation | undefined {
  const s = model.shapes[shapeName]!;
  // Most inputs (DescribeImages among them) have nothing an EC2 request could violate.
  if (!mayViolate(model, s, requiredOnly)) return undefined;
  return check(model, value, s, '', requiredOnly);
}

/** validateInput without skipping unconstrained shapes: the reference its pruning is tested against. */
export function validateInputUnpruned(model: ServiceModel, shapeName: string, value: unknown, requiredOnly = false): Violation | undefined {
  return check(model, value, model.shapes[shapeName]!, '', requiredOnly, false);
}

/** Whether a shape itself carries a constraint `check` enforces (its members aside). */
function constrained(s: WShape, requiredOnly: boolean): boolean {
  switch (s.type) {
    case 'structure':
      return (s.required?.length ?? 0) > 0;
    case 'string':
      // (EC2: enums only, and not in launch-template data; counted anyway, which only costs a walk.)
      return requiredOnly ? s.enum !== undefined : s.min !== undefined || s.max !== undefined || s.enum !== undefined || s.pattern !== undefined;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
    case 'list':
      return !requiredOnly && (s.min !== undefined || s.max !== undefined);
    case 'map':
      return !requiredOnly && s.max !== undefined;
    default:
      return false;
  }
}

/** Per model and shape: [any constraint reachable (full), any reachable (EC2's required-only)]. */
const reachable = new WeakMap<ServiceModel, Map<WShape, [boolean | undefined, boolean | undefined]>>();

/** True when a value of `s` could violate something: a constrained shape is reachable from it. */
function mayViolate(model: ServiceModel, s: WShape, requiredOnly: boolean): boolean {
  let byShape = reachable.get(model);
  if (!byShape) reachable.set(model, (byShape = new Map()));
  let pair = byShape.get(s);
  if (!pair) byShape.set(s, (pair = [undefined, undefined]));
  const i = requiredOnly ? 1 : 0;
  if (pair[i] === undefined) {
    // A search over the shapes reachable from s (shapes may be recursive).
    const seen = new Set<WShape>([s]);
    const todo = [s];
    let found = false;
    while (!found && todo.length > 0) {
      const t = todo.pop()!;
      if (constrained(t, requiredOnly)) found = true;
      const next = [...Object.values(t.members ?? {}), t.member, t.key, t.value];
      for (const m of next) {
        const u = m && model.shapes[m.shape];
        if (u && !seen.has(u)) {
          seen.add(u);
          todo.push(u);
        }
      }
    }
    pair[i] = found;
  }
  return pair[i];
}

function check(model: ServiceModel, value: unknown, s: WShape, path: string, requiredOnly: boolean, prune = true): Violation | undefined {
  // EC2 words its own length and pattern errors, but an enum holds as modelled — except in
  // launch-template data, which the world stores without checking (docs/known-differences.md).
  const enumOnly = requiredOnly && s.type === 'string' && s.enum !== undefined && !path.includes('LaunchTemplateData');
  if (requiredOnly && !enumOnly && s.type !== 'structure' && s.type !== 'list' && s.type !== 'map') return undefined;
  const bad = (constraint: string): Violation => ({ path, value: show(value), constraint, missing: false });
  switch (s.type) {
    case 'string': {
      const str = String(value);
      if (enumOnly) return s.enum!.includes(str) ? undefined : bad(`Member must satisfy enum value set: [${s.enum!.join(', ')}]`);
      if (s.min !== undefined && length(str) < s.min) return bad(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && length(str) > s.max) return bad(`Member must have length less than or equal to ${s.max}`);
      if (s.enum && !s.enum.includes(str)) return bad(`Member must satisfy enum value set: [${s.enum.join(', ')}]`);
      if (s.pattern && !regex(s.pattern).test(str)) return bad(`Member must satisfy regular expression pattern: ${s.pattern}`);
      return undefined;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = value as number;
      if (s.min !== undefined && n < s.min) return bad(`Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && n > s.max) return bad(`Member must have value less than or equal to ${s.max}`);
      return undefined;
    }
    case 'list': {
      const list = value as unknown[];
      if (requiredOnly) return list.map((x, i) => check(model, x, model.shapes[s.member!.shape]!, `${path}.${i + 1}.member`, true, prune)).find(Boolean);
      if (s.min !== undefined && list.length < s.min) return bad(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && list.length > s.max) return bad(`Member must have length less than or equal to ${s.max}`);
      const ms = model.shapes[s.member!.shape]!;
      for (let i = 0; i < list.length; i++) {
        const v = check(model, list[i], ms, `${path}.${i + 1}.member`, requiredOnly, prune);
        if (v) return v;
      }
      return undefined;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      if (s.max !== undefined && keys.length > s.max) return bad(`Member must have length less than or equal to ${s.max}`);
      for (const k of keys) {
        const v =
          check(model, k, model.shapes[s.key!.shape]!, `${path}.key`, requiredOnly, prune) ??
          check(model, map[k], model.shapes[s.value!.shape]!, `${path}.${k}`, requiredOnly, prune);
        if (v) return v;
      }
      return undefined;
    }
    case 'structure': {
      const obj = value as Record<string, unknown>;
      for (const r of s.required ?? []) {
        if (obj[r] === undefined || obj[r] === null)
          return { path: path ? `${path}.${r}` : r, value: 'null', constraint: 'Member must not be null', missing: true };
      }
      for (const [name, m] of Object.entries(s.members ?? {})) {
        const mv = obj[name];
        if (mv === undefined || mv === null) continue;
        const ms = model.shapes[m.shape]!;
        if (prune && !mayViolate(model, ms, requiredOnly)) continue;
        const v = check(model, mv, ms, path ? `${path}.${name}` : name, requiredOnly, prune);
        if (v) return v;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Coral's wording, used by the query and JSON services: the member path in lower camel case. */
export function coralMessage(v: Violation): string {
  const path = v.path
    .split('.')
    .map((p) => p.charAt(0).toLowerCase() + p.slice(1))
    .join('.');
  return `1 validation error detected: Value ${v.missing ? 'null' : `'${v.value}'`} at '${path}' failed to satisfy constraint: ${v.constraint}`;
}
