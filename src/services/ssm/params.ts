// Parameter Store helpers for the SSM wire operations: finding a parameter by name, ARN or
// `name:version` (the caller's own, or an AWS public parameter under /aws/service/ owned by an
// Amazon-managed account of the world), its model view, and paging.
import { enter } from '../../cloud/simulated/context.js';
import type { ParamRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldCall } from '../context.js';

/** The parameter's ARN (public parameters have no account in theirs). */
export function paramArn(p: ParamRec, isPublic: boolean): string {
  return `arn:aws:ssm:${p.region}:${isPublic ? '' : p.accountId}:parameter${p.name.startsWith('/') ? '' : '/'}${p.name}`;
}

/** Every parameter the caller can read in its Region: its own, and AWS's public ones. */
export function readableParams(call: WorldCall, operation: string): { ctx: { accountId: string; region: string }; own: ParamRec[]; publics: ParamRec[] } {
  const ctx = enter(call.sim, 'ssm', operation, call.scope);
  const own: ParamRec[] = [];
  const publics: ParamRec[] = [];
  const amazon = new Set([...call.sim.state.accounts.values()].filter((a) => a.amazonManaged).map((a) => a.accountId));
  for (const p of call.sim.state.params.values()) {
    if (p.region !== ctx.region) continue;
    if (p.accountId === ctx.accountId) own.push(p);
    else if (amazon.has(p.accountId) && p.name.startsWith('/aws/service/')) publics.push(p);
  }
  return { ctx, own, publics };
}

/** Resolves a name, ARN or `name:version`; undefined when the caller has no such parameter. */
export function findParam(call: WorldCall, ref: string, operation: string): { p: ParamRec; isPublic: boolean; selector?: string } | undefined {
  const ctx = enter(call.sim, 'ssm', operation, call.scope);
  const st = call.sim.state;
  let name = ref;
  const arn = /^arn:aws:ssm:([^:]+):(\d{12})?:parameter(\/.*)$/.exec(ref);
  if (arn) {
    if (arn[1] !== ctx.region) return undefined;
    // A name without '/' appears in its ARN after one '/'.
    name = st.paramOf(ctx.accountId, ctx.region, arn[3]!.slice(1)) ? arn[3]!.slice(1) : arn[3]!;
  }
  let selector: string | undefined;
  const sel = /^(.*):([^:/]+)$/.exec(name);
  if (sel) {
    name = sel[1]!;
    selector = `:${sel[2]}`;
  }
  // Direct lookups: the caller's own parameter, else an AWS public one of an Amazon-managed account.
  let p = st.paramOf(ctx.accountId, ctx.region, name);
  let isPublic = false;
  if (!p && name.startsWith('/aws/service/')) {
    for (const a of st.accounts.values()) {
      if (!a.amazonManaged) continue;
      p = st.paramOf(a.accountId, ctx.region, name);
      if (p) {
        isPublic = true;
        break;
      }
    }
  }
  if (!p) return undefined;
  if (selector && selector !== `:${p.version}`) {
    throw new WorldError('ParameterVersionNotFound', `Systems Manager could not find version ${selector.slice(1)} of ${name}. Verify the version and try again.`);
  }
  return { p, isPublic, ...(selector ? { selector } : {}) };
}

/** The model `Parameter`. */
export function wireParam(p: ParamRec, isPublic: boolean, selector?: string): Doc {
  return {
    Name: p.name,
    Type: 'String',
    Value: p.value,
    Version: p.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: new Date(p.lastModified),
    ARN: paramArn(p, isPublic),
    DataType: p.dataType,
  };
}

/** One page by an opaque offset token (SSM's `NextToken`). */
export function ssmPage<T>(items: T[], input: Doc, defaultMax: number): { items: T[]; NextToken?: string } {
  const max = (input.MaxResults as number | undefined) ?? defaultMax;
  let start = 0;
  const token = input.NextToken as string | undefined;
  if (token) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('InvalidNextToken', 'The specified token is not valid.');
    start = Number(m[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`ibex:${end}`).toString('base64url') } : {}) };
}

export const byName = (a: ParamRec, b: ParamRec): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
