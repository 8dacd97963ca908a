// Expressions of workflow documents: JSONPath references (`$.parameters.x`,
// `$.stepOutputs.Step.field[0]`, `$.imagebuilder.imageType`, `$.workflowOutputs.x`) used whole by
// input keys ending in `.$` or inside strings as `{{ $.path }}`, and the conditions of `if`
// (comparison operators, and/or/not). Parsing here is pure; evaluation reads a context.

/** What expressions can read while a workflow runs. */
export interface ExprContext {
  parameters: Record<string, unknown>;
  stepOutputs: Record<string, Record<string, unknown>>;
  workflowOutputs: Record<string, unknown>;
  imagebuilder: Record<string, unknown>;
}

export type PathSegment = string | number;

const PATH = /^\$((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])+)$/;
const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g;
const INTERPOLATION = /\{\{\s*(\$[^}]*?)\s*\}\}/g;

/** The segments of `$.a.b[0]`, or undefined when it is not a supported JSONPath. */
export function parsePath(path: string): PathSegment[] | undefined {
  const m = PATH.exec(path.trim());
  if (!m) return undefined;
  const out: PathSegment[] = [];
  for (const s of m[1]!.matchAll(SEGMENT)) out.push(s[1] !== undefined ? s[1] : Number(s[2]));
  return out;
}

/** The value at `path` (undefined when any segment is missing). */
export function resolvePath(ctx: ExprContext, path: string): unknown {
  const segs = parsePath(path);
  if (!segs) return undefined;
  let v: unknown = ctx;
  for (const s of segs) {
    if (v === null || v === undefined) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

/** A string with every `{{ $.path }}` replaced by its value (objects as JSON). */
export function interpolate(s: string, ctx: ExprContext): string {
  return s.replace(INTERPOLATION, (_, p: string) => {
    const v = resolvePath(ctx, p);
    if (v === undefined || v === null) return '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** Step inputs with `.$` keys resolved and strings interpolated. */
export function resolveInputs(value: unknown, ctx: ExprContext): unknown {
  if (typeof value === 'string') return interpolate(value, ctx);
  if (Array.isArray(value)) return value.map((v) => resolveInputs(v, ctx));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$') && typeof v === 'string') out[k.slice(0, -2)] = resolvePath(ctx, v);
      else out[k] = resolveInputs(v, ctx);
    }
    return out;
  }
  return value;
}

/** Every JSONPath a value refers to (`.$` values and `{{ }}` interpolations), with where it sits. */
export function references(value: unknown, at: string, out: { path: string; at: string }[] = []): { path: string; at: string }[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(INTERPOLATION)) out.push({ path: m[1]!, at });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => references(v, `${at}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('.$')) {
        if (typeof v !== 'string') out.push({ path: String(v), at: `${at}.${k}` });
        else out.push({ path: v, at: `${at}.${k}` });
      } else references(v, `${at}.${k}`, out);
    }
  }
  return out;
}

// ------------------------------------------------------------------ conditions

export const COMPARISONS = [
  'booleanEquals',
  'numberEquals',
  'numberGreaterThan',
  'numberGreaterThanEquals',
  'numberLessThan',
  'numberLessThanEquals',
  'stringEquals',
] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
  | { kind: 'compare'; op: Comparison; operand: unknown; value: unknown }
  | { kind: 'and'; children: Condition[] }
  | { kind: 'or'; children: Condition[] }
  | { kind: 'not'; child: Condition };

/** The deepest nesting AWS allows (the top-level statement is level 1). */
export const MAX_CONDITION_DEPTH = 4;

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?$/;

/** Parses an `if` statement; throws a message (naming `at`) when it is malformed. */
export function parseCondition(raw: unknown, at: string, depth = 1): Condition {
  if (depth > MAX_CONDITION_DEPTH) throw new Error(`${at}: conditions can be nested at most ${MAX_CONDITION_DEPTH} levels deep.`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${at}: a condition must be a map.`);
  const keys = Object.keys(raw);
  const r = raw as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const list = r[keys[0]];
    if (!Array.isArray(list) || list.length < 1 || list.length > 10) throw new Error(`${at}.${keys[0]}: must be a list of 1 to 10 conditions.`);
    return { kind: keys[0] as 'and' | 'or', children: list.map((c, i) => parseCondition(c, `${at}.${keys[0]}[${i}]`, depth + 1)) };
  }
  if (keys.length === 1 && keys[0] === 'not') return { kind: 'not', child: parseCondition(r.not, `${at}.not`, depth + 1) };
  const ops = keys.filter((k) => (COMPARISONS as readonly string[]).includes(k));
  if (ops.length !== 1 || !keys.includes('value') || keys.length !== 2) {
    throw new Error(`${at}: a condition is one of and, or, not, or exactly one of ${COMPARISONS.join(', ')} with a 'value'.`);
  }
  const op = ops[0] as Comparison;
  const operand = r[op];
  const isPath = typeof operand === 'string' && operand.startsWith('$.');
  if (!isPath) {
    if (op === 'booleanEquals' && typeof operand !== 'boolean') throw new Error(`${at}.${op}: must be true or false.`);
    if (op.startsWith('number') && typeof operand !== 'number' && !(typeof operand === 'string' && NUMERIC.test(operand))) {
      throw new Error(`${at}.${op}: must be a number.`);
    }
  }
  return { kind: 'compare', op, operand, value: r.value };
}

/** JSONPaths a condition reads. */
export function conditionReferences(c: Condition, at: string, out: { path: string; at: string }[] = []): { path: string; at: string }[] {
  if (c.kind === 'compare') {
    for (const v of [c.operand, c.value]) if (typeof v === 'string' && v.startsWith('$')) out.push({ path: v, at });
  } else if (c.kind === 'not') conditionReferences(c.child, at, out);
  else c.children.forEach((ch) => conditionReferences(ch, at, out));
  return out;
}

function operandValue(v: unknown, ctx: ExprContext): unknown {
  return typeof v === 'string' && v.startsWith('$.') ? resolvePath(ctx, v) : v;
}

function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return undefined;
}

/** Evaluates a condition (and/or short-circuit in order). */
export function evaluate(c: Condition, ctx: ExprContext): boolean {
  if (c.kind === 'and' || c.kind === 'or') return c.kind === 'and' ? c.children.every((ch) => evaluate(ch, ctx)) : c.children.some((ch) => evaluate(ch, ctx));
  if (c.kind === 'not') return !evaluate(c.child, ctx);
  const a = operandValue(c.operand, ctx);
  const b = operandValue(c.value, ctx);
  if (c.op === 'booleanEquals') {
    const x = toBool(a);
    return x !== undefined && x === toBool(b);
  }
  if (c.op === 'stringEquals') return a !== undefined && b !== undefined && String(a) === String(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return false;
  // The operator's operand is what the value is compared with: `numberGreaterThan: 5, value: $.x` is x > 5.
  switch (c.op) {
    case 'numberEquals':
      return y === x;
    case 'numberGreaterThan':
      return y > x;
    case 'numberGreaterThanEquals':
      return y >= x;
    case 'numberLessThan':
      return y < x;
    case 'numberLessThanEquals':
      return y <= x;
    default:
      return false;
  }
}
