// Parameter Store helpers for the SSM wire operations: finding a parameter by name, ARN or
// `name:version` (the caller's own, or an AWS public parameter under /aws/service/ owned by an
// Amazon-managed account of the world), its model view, and paging.
import { enter } from '../../cloud/simulated/sim.js';
import type { ParamRec, ParamVersionRec } from '../../cloud/simulated/records.js';
import { paramVersions, sealedValue } from '../../cloud/simulated/ssm.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';

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

/** A parameter found by reference: the record, the version the selector names (else the current one). */
export interface FoundParam {
  p: ParamRec;
  v: ParamVersionRec;
  isPublic: boolean;
  selector?: string;
}

/**
 * Resolves a name, ARN, `name:version` or `name:label`; undefined when the caller has no such
 * parameter, `ParameterVersionNotFound` when it has no such version or label.
 */
export function findParam(call: WorldCall, ref: string, operation: string): FoundParam | undefined {
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
  if (!selector) return { p, v: p, isPublic };
  const s = selector.slice(1);
  const v = /^\d+$/.test(s) ? paramVersions(p).find((x) => x.version === Number(s)) : paramVersions(p).find((x) => x.labels?.includes(s));
  if (!v) {
    throw new WorldError('ParameterVersionNotFound', `Systems Manager could not find version ${s} of ${name}. Verify the version and try again.`);
  }
  return { p, v, isPublic, selector };
}

/** A version's value as a read returns it: SecureString values only when decrypted. */
export const valueOf = (p: ParamRec, v: ParamVersionRec, withDecryption: boolean): string =>
  v.type === 'SecureString' && !withDecryption ? sealedValue(p, v) : v.value;

/** The model `Parameter` of one version. */
export function wireParam(f: FoundParam, withDecryption: boolean): Doc {
  return {
    Name: f.p.name,
    Type: f.v.type ?? 'String',
    Value: valueOf(f.p, f.v, withDecryption),
    Version: f.v.version,
    ...(f.selector ? { Selector: f.selector } : {}),
    LastModifiedDate: new Date(f.v.lastModified),
    ARN: paramArn(f.p, f.isPublic),
    DataType: f.v.dataType,
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
