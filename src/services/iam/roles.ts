// IAM helpers: roles live in the account record the engine's AssumeRole and permission checks
// read (trustedAccounts, trustedServices, permissions). Trust and permission policies given
// over the wire are parsed into those; managed policies grant the actions AWS documents.
import { enter, type Ctx } from '../../cloud/simulated/sim.js';
import { LIFECYCLE_ROLE_PERMISSIONS } from '../../cloud/simulated/ec2-lifecycle.js';
import type { AccountRec, RoleRec } from '../../cloud/simulated/records.js';
import { WorldError, type Doc, type WorldCall } from '../world-call.js';
import { roleId } from '../sts/session.js';

/** AWS managed policies ibex knows, with the actions each grants. */
export const MANAGED_POLICIES: Record<string, string[]> = {
  'arn:aws:iam::aws:policy/Ec2ImageBuilderCrossAccountDistributionAccess': [
    'ec2:CreateTags',
    'ec2:DescribeImages',
    'ec2:CopyImage',
    'ec2:ModifyImageAttribute',
  ],
  'arn:aws:iam::aws:policy/AdministratorAccess': ['*'],
  'arn:aws:iam::aws:policy/AmazonSSMFullAccess': ['ssm:*'],
  'arn:aws:iam::aws:policy/AmazonEC2FullAccess': ['ec2:*'],
  // The same actions the starter world's lifecycle roles hold, so a role made over the wire acts alike.
  'arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy': [...LIFECYCLE_ROLE_PERMISSIONS, 'ecr:BatchDeleteImage'],
  'arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder': ['ssm:PutParameter', 's3:PutObject'],
};

export const iamEnter = (call: WorldCall, operation: string): Ctx => enter(call.sim, 'iam', operation, call.scope);

/** The caller's account record (created on first write for accounts the world file did not list). */
export function accountOf(call: WorldCall, ctx: Ctx): AccountRec {
  return (
    call.sim.state.accounts.get(ctx.accountId) ?? {
      accountId: ctx.accountId,
      name: ctx.accountId,
      disabledRegions: [],
      imageBlockPublicAccess: [],
      amazonManaged: false,
      roles: [],
    }
  );
}

export function roleOf(acct: AccountRec, name: string): RoleRec {
  const r = acct.roles.find((x) => x.name === name);
  if (!r) throw new WorldError('NoSuchEntity', `The role with name ${name} cannot be found.`);
  return r;
}

/** Writes the account with `role` replacing (or added as) the role of that name. */
export function saveRole(call: WorldCall, acct: AccountRec, role: RoleRec | null, name: string): void {
  const roles = acct.roles.filter((r) => r.name !== name);
  call.sim.state.putAccount({ ...acct, roles: role ? [...roles, role] : roles });
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
}

function statements(doc: string): Statement[] {
  let parsed: { Statement?: unknown };
  try {
    parsed = JSON.parse(doc) as { Statement?: unknown };
  } catch {
    throw new WorldError('MalformedPolicyDocument', 'This policy contains invalid Json');
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.Statement === undefined)
    throw new WorldError('MalformedPolicyDocument', 'Syntax errors in policy.');
  return (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Statement[];
}

/** The accounts and services a trust policy lets assume the role. */
export function parseTrust(doc: string): { trustedAccounts: string[]; trustedServices: string[] } {
  const accounts = new Set<string>();
  const services = new Set<string>();
  for (const s of statements(doc)) {
    if (s.Effect !== 'Allow') continue;
    const actions = s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];
    if (!actions.some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) continue;
    const p = s.Principal as { AWS?: string | string[]; Service?: string | string[] } | undefined;
    if (!p || typeof p !== 'object') throw new WorldError('MalformedPolicyDocument', 'AssumeRolepolicy contained an invalid principal element.');
    for (const a of p.AWS === undefined ? [] : Array.isArray(p.AWS) ? p.AWS : [p.AWS]) {
      const m = /^(?:arn:aws:iam::(\d{12}):(?:root|role\/.+|user\/.+)|(\d{12}))$/.exec(a);
      if (!m) throw new WorldError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${a}"`);
      accounts.add(m[1] ?? m[2]!);
    }
    for (const svc of p.Service === undefined ? [] : Array.isArray(p.Service) ? p.Service : [p.Service]) {
      if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(svc)) throw new WorldError('MalformedPolicyDocument', `Invalid principal in policy: "SERVICE":"${svc}"`);
      services.add(svc);
    }
  }
  return { trustedAccounts: [...accounts], trustedServices: [...services] };
}

/** The actions a permissions policy allows. */
export function allowedActions(doc: string): string[] {
  return statements(doc).flatMap((s) => (s.Effect === 'Allow' ? (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []) : []));
}

/** The role's permissions: its managed policies' actions and its inline policies'. */
export function permissionsOf(iam: NonNullable<RoleRec['iam']>): string[] {
  return [...new Set([...iam.attachedPolicies.flatMap((a) => MANAGED_POLICIES[a] ?? []), ...Object.values(iam.inlinePolicies).flatMap(allowedActions)])];
}

/** The IAM bookkeeping of a role (synthesised for world-file roles). */
export function iamOf(r: RoleRec): NonNullable<RoleRec['iam']> {
  if (r.iam) return r.iam;
  const principals: Doc = {};
  if (r.trustedAccounts.length) principals.AWS = r.trustedAccounts.map((a) => `arn:aws:iam::${a}:root`);
  if (r.trustedServices.length) principals.Service = r.trustedServices;
  const inline: Record<string, string> = r.permissions.length
    ? { 'ibex-world-permissions': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: r.permissions, Resource: '*' }] }) }
    : {};
  return {
    path: '/',
    createdAt: 0,
    assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principals, Action: 'sts:AssumeRole' }] }),
    maxSessionDuration: 3600,
    attachedPolicies: [],
    inlinePolicies: inline,
  };
}

/** The model `Role`; policy documents are URL-encoded in IAM responses, as AWS sends them. */
export function wireRole(accountId: string, r: RoleRec): Doc {
  const iam = iamOf(r);
  return {
    Path: iam.path,
    RoleName: r.name,
    RoleId: roleId(accountId, r.name),
    Arn: `arn:aws:iam::${accountId}:role${iam.path}${r.name}`,
    CreateDate: new Date(iam.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(iam.assumeRolePolicyDocument),
    ...(iam.description !== undefined ? { Description: iam.description } : {}),
    MaxSessionDuration: iam.maxSessionDuration,
  };
}
