// Maps an HTTP method and raw path to one of the model's operations, and extracts path labels.
// The only labelled route is /tags/{resourceArn}: the ARN is one percent-encoded segment,
// so the label matches the rest of the path and is decoded once (never split on '/').
import { OPERATIONS, OPERATION_NAMES, type OperationName } from '../model/generated/operations.js';
import type { OperationDef } from '../model/shape.js';

/** A routed request: the operation and its decoded path labels. */
export interface RouteMatch {
  op: OperationDef & { name: OperationName };
  labels: Record<string, string>;
}

interface LabelRoute {
  method: string;
  regex: RegExp;
  names: string[];
  op: RouteMatch['op'];
}

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Builds a router over every operation of the model. */
export function createRouter(): (method: string, rawPath: string) => RouteMatch | undefined {
  // Label-free routes answer with one prebuilt (frozen) match: no allocation on the hot path.
  const fixed = new Map<string, Map<string, RouteMatch>>();
  const labelled: LabelRoute[] = [];
  for (const name of OPERATION_NAMES) {
    const op = { ...OPERATIONS[name], name };
    if (!op.uri.includes('{')) {
      let byPath = fixed.get(op.method);
      if (!byPath) fixed.set(op.method, (byPath = new Map()));
      byPath.set(op.uri, Object.freeze({ op, labels: NO_LABELS }));
      continue;
    }
    const names: string[] = [];
    const source = op.uri.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, label: string) => {
      names.push(label.replace(/\+$/, ''));
      return '(.+)';
    });
    labelled.push({ method: op.method, regex: new RegExp(`^${source}$`), names, op });
  }
  return (method, rawPath) => {
    const direct = fixed.get(method)?.get(rawPath);
    if (direct) return direct;
    for (const r of labelled) {
      if (r.method !== method) continue;
      const m = r.regex.exec(rawPath);
      if (!m) continue;
      const labels: Record<string, string> = {};
      r.names.forEach((n, i) => (labels[n] = safeDecode(m[i + 1]!)));
      return { op: r.op, labels };
    }
    return undefined;
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
