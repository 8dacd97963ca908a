// Organizations helpers: the caller's organization (management-account-only calls), its root,
// finding an OU or an account's place in the tree, and the model views. The tree is the world's
// OrgRec; every change is written back with putOrg, which recomputes membership (and so who
// sees AMIs shared with the organization or an OU) at once.
import { randomBytes } from 'node:crypto';
import { orgArn, ouArn } from '../../cloud/simulated/arns.js';
import { enter, type Ctx } from '../../cloud/simulated/sim.js';
import type { OrgRec, UnitRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';

export const orgsEnter = (call: WorldCall, operation: string): Ctx => enter(call.sim, 'organizations', operation, call.scope);

/** The root id of an organization (as the world derives it). */
export const rootIdOf = (org: OrgRec): string => `r-${org.id.slice(2, 6)}`;

/** The caller's organization; AWSOrganizationsNotInUseException when it has none. */
export function orgOfCaller(call: WorldCall, ctx: Ctx): OrgRec {
  const m = call.sim.state.membership.get(ctx.accountId);
  if (!m) throw new WorldError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  return call.sim.state.orgs.get(m.orgId)!;
}

/** The caller's organization when it is the management account (AccessDeniedException otherwise). */
export function managedOrg(call: WorldCall, ctx: Ctx): OrgRec {
  const org = orgOfCaller(call, ctx);
  if (org.managementAccountId !== ctx.accountId) throw new WorldError('AccessDeniedException', "You don't have permissions to access this resource.");
  return org;
}

/** Finds an OU anywhere in the tree, with the list that holds it. */
export function findUnit(units: UnitRec[], id: string): UnitRec | undefined {
  for (const u of units) {
    if (u.id === id) return u;
    const inner = findUnit(u.units, id);
    if (inner) return inner;
  }
  return undefined;
}

/** The accounts and OUs directly under a parent (root or OU); undefined when the parent does not exist. */
export function childrenOf(org: OrgRec, parentId: string): { accounts: string[]; units: UnitRec[] } | undefined {
  if (parentId === rootIdOf(org))
    return { accounts: [org.managementAccountId, ...org.accounts.filter((a) => a !== org.managementAccountId)], units: org.units };
  const u = findUnit(org.units, parentId);
  return u ? { accounts: u.accounts, units: u.units } : undefined;
}

/** The id of the account's direct parent in the tree. */
export function parentOfAccount(org: OrgRec, accountId: string): string | undefined {
  if (accountId === org.managementAccountId || org.accounts.includes(accountId)) return rootIdOf(org);
  const walk = (units: UnitRec[]): string | undefined => {
    for (const u of units) {
      if (u.accounts.includes(accountId)) return u.id;
      const inner = walk(u.units);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(org.units);
}

/** Every account of the organization. */
export function allAccounts(org: OrgRec): string[] {
  const out = [org.managementAccountId, ...org.accounts.filter((a) => a !== org.managementAccountId)];
  const walk = (units: UnitRec[]): void => units.forEach((u) => (out.push(...u.accounts), walk(u.units)));
  walk(org.units);
  return out;
}

export const wireOrg = (org: OrgRec): Doc => ({
  Id: org.id,
  Arn: orgArn(org.managementAccountId, org.id),
  FeatureSet: 'ALL',
  MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
  MasterAccountId: org.managementAccountId,
  MasterAccountEmail: `${org.managementAccountId}@example.com`,
  AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
});

export const wireUnit = (org: OrgRec, u: UnitRec, parentPath: string): Doc => ({
  Id: u.id,
  Arn: ouArn(org.managementAccountId, org.id, u.id),
  Name: u.name,
  Path: `${parentPath}${u.id}/`,
});

export function wireAccount(call: WorldCall, org: OrgRec, id: string): Doc {
  const name = call.sim.state.accounts.get(id)?.name ?? id;
  return {
    Id: id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${id}`,
    Email: `${name.replace(/[^A-Za-z0-9._-]/g, '-')}-${id}@example.com`,
    Name: name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: id === org.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: new Date(0),
  };
}

/** A page by an opaque offset (Organizations' NextToken, MaxResults ≤ 20). */
export function orgPage<T>(items: T[], input: Doc): { items: T[]; NextToken?: string } {
  const max = (input.MaxResults as number | undefined) ?? 20;
  let start = 0;
  if (input.NextToken !== undefined) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(input.NextToken as string, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('InvalidInputException', 'You provided an invalid value for a parameter: NextToken.');
    start = Number(m[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`ibex:${end}`).toString('base64url') } : {}) };
}

/** The path of an OU for `Path` members: `o-…/r-…/ou-…/`. */
export function pathTo(org: OrgRec, parentId: string): string {
  const chain: string[] = [];
  const walk = (units: UnitRec[], trail: string[]): boolean => {
    for (const u of units) {
      if (u.id === parentId) return (chain.push(...trail, u.id), true);
      if (walk(u.units, [...trail, u.id])) return true;
    }
    return false;
  };
  if (parentId !== rootIdOf(org)) walk(org.units, []);
  return `${org.id}/${rootIdOf(org)}/${chain.map((c) => `${c}/`).join('')}`;
}

/** A fresh id: `o-` + 10, or `ou-<root suffix>-` + 8 lower-case hex characters. */
export const newOrgId = (): string => `o-${randomBytes(5).toString('hex')}`;
export const newOuId = (org: OrgRec): string => `ou-${rootIdOf(org).slice(2)}-${randomBytes(4).toString('hex')}`;
