// The query string of a request, decoded exactly as URLSearchParams decodes it ('+' is a space,
// percent escapes are UTF-8) but without building a URLSearchParams per request: most API calls
// carry none or one parameter, and this sits on every request's path (bench/, docs/performance.md).

/** The part of URLSearchParams the parser needs. */
export interface QueryParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

const NONE: QueryParams = { get: () => null, getAll: () => [] };

/** Decodes one component; undefined when it holds an escape that decodeURIComponent refuses. */
function decode(s: string): string | undefined {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Parses a raw query string (without '?'). */
export function parseQuery(raw: string): QueryParams {
  if (raw === '') return NONE;
  const map = new Map<string, string[]>();
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end < 0) end = raw.length;
    if (end > start) {
      const eq = raw.indexOf('=', start);
      const split = eq >= 0 && eq < end;
      const name = decode(raw.slice(start, split ? eq : end));
      const value = split ? decode(raw.slice(eq + 1, end)) : '';
      // A malformed escape: URLSearchParams keeps it literally (WHATWG percent-decode); defer to it.
      if (name === undefined || value === undefined) return new URLSearchParams(raw);
      const list = map.get(name);
      if (list) list.push(value);
      else map.set(name, [value]);
    }
    start = end + 1;
  }
  return {
    get: (name) => map.get(name)?.[0] ?? null,
    getAll: (name) => map.get(name)?.slice() ?? [],
  };
}
