// Bounds on admin request bodies (/_ibex/*), checked before any parser sees them: a size limit
// and a nesting-depth limit, so a 100,000-deep JSON array or YAML flow collection is a clear 400
// instead of a stack overflow. (YAML aliases are bounded where world documents are parsed.)

/** Largest admin request body: world documents are small; the API's own limit is larger. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;
/** Deepest nesting of [ and { accepted in an admin body. */
export const MAX_ADMIN_DEPTH = 64;

/** Why the body is refused (status 400 or 413), or undefined when within bounds. */
export function adminBodyProblem(body: Buffer): { status: number; message: string } | undefined {
  if (body.length > MAX_ADMIN_BODY_BYTES) {
    return { status: 413, message: `The request body is ${body.length} bytes; admin requests take at most ${MAX_ADMIN_BODY_BYTES}.` };
  }
  const depth = nestingDepth(body.toString('utf8'), MAX_ADMIN_DEPTH);
  if (depth > MAX_ADMIN_DEPTH) return { status: 400, message: `The request body nests deeper than ${MAX_ADMIN_DEPTH} levels.` };
  return undefined;
}

/** The deepest [ / { nesting outside quoted strings, counting no further than `stopAfter` + 1. */
export function nestingDepth(text: string, stopAfter: number): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAfter) return max;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}
