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

/** Builds a router over every operation of the model. */
export function createRouter(): (method: string, rawPath: string) => RouteMatch | undefined {
  const fixed = new Map<string, RouteMatch['op']>();
  const labelled: LabelRoute[] = [];
  for (const name of OPERATION_NAMES) {
    const op = { ...OPERATIONS[name], name };
    if (!op.uri.includes('{')) {
      fixed.set(`${op.method} ${op.uri}`, op);
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
    const direct = fixed.get(`${method} ${rawPath}`);
    if (direct) return { op: direct, labels: {} };
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
