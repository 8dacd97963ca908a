// What every simulated port call does first: settle time-based work, resolve who is calling
// (an account, or a role assumed through STS), fire faults, and apply the rules that hold for
// every operation (the Region exists and is enabled, an assumed role has the permission).
import { randomBytes, createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { Timings } from './timings.js';
import { CloudError, type CloudScope, type CloudService } from '../ports.js';
import type { Faults } from './faults.js';
import type { RoleRec } from './records.js';
import type { WorldState } from './state.js';

/** Mutable world settings the ports read on every call. */
export interface WorldConfig {
  regions: Set<string>;
  defaultAccountId: string;
  timings: Timings;
}

/** Everything a simulated port needs. */
export interface Sim {
  state: WorldState;
  clock: Clock;
  faults: Faults;
  config: WorldConfig;
}

/** The resolved caller of one port call. */
export interface Ctx {
  accountId: string;
  region: string;
  /** Set when calling through an assumed role. */
  via?: { role: RoleRec; sessionName: string; sourceAccountId: string };
}

/** Actions that a call through an assumed role needs listed in the role's `permissions`. */
const ROLE_GATED: Record<string, string> = {
  'ssm:putparameter': 'ssm:PutParameter',
  'ec2:createlaunchtemplateversion': 'ec2:CreateLaunchTemplateVersion',
  'ec2:modifylaunchtemplate': 'ec2:ModifyLaunchTemplate',
};

export const fail = (service: CloudService, code: string, message: string): CloudError => new CloudError(service, code, message);

/** Random lower-case hex, for resource ids (`ami-` + 17 hex digits, as AWS issues them). */
// Random bytes are drawn 4 KiB at a time: one randomBytes call per id was a syscall per AMI copy.
let entropy: Buffer = Buffer.alloc(0);
let entropyAt = 0;

/** A random id: `prefix` and `len` hex digits. */
export const hexId = (prefix: string, len = 17): string => {
  const n = Math.ceil(len / 2);
  if (entropyAt + n > entropy.length) {
    entropy = randomBytes(4096);
    entropyAt = 0;
  }
  const hex = entropy.toString('hex', entropyAt, entropyAt + n);
  entropyAt += n;
  return `${prefix}${hex.slice(0, len)}`;
};

/** A stable hash of a request, for clientToken idempotency. */
export const requestHash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export interface SessionClaims {
  a: string; // target account
  r: string; // role name
  c: string; // calling account
  s: string; // session name
  x: number; // expiry, epoch ms
}

/** Simulated session tokens carry their claims, so they survive a restart of the world. */
export function encodeSession(claims: SessionClaims): string {
  return `IBEX${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
}

export function decodeSession(token: string): SessionClaims | null {
  if (!token.startsWith('IBEX')) return null;
  try {
    const c = JSON.parse(Buffer.from(token.slice(4), 'base64url').toString('utf8')) as SessionClaims;
    return typeof c.a === 'string' && typeof c.r === 'string' && typeof c.c === 'string' ? c : null;
  } catch {
    return null;
  }
}

/** The role's ARN-ish name as it appears in AWS's "User: … is not authorized" messages. */
export function callerArn(ctx: Ctx): string {
  return ctx.via ? `arn:aws:sts::${ctx.accountId}:assumed-role/${ctx.via.role.name}/${ctx.via.sessionName}` : `arn:aws:iam::${ctx.accountId}:root`;
}

/**
 * Starts a port call: settles due work, resolves the caller, fires faults and applies the
 * rules common to every operation. `operation` is the AWS operation name (`CopyImage`). A dry run
 * (`opts.dryRun`) applies the same rules; the operation then runs its own checks and throws
 * `dryRunOperation()` before changing anything.
 */
export function enter(sim: Sim, service: CloudService, operation: string, scope: CloudScope, opts: { dryRun?: boolean } = {}): Ctx {
  sim.state.settle();
  const ctx = resolveCaller(sim, service, scope);
  if (!sim.config.regions.has(ctx.region)) {
    throw fail(
      service,
      'InvalidParameterValue',
      `The Region '${ctx.region}' does not exist in this world (known Regions: ${[...sim.config.regions].join(', ')}).`,
    );
  }
  sim.faults.check(service, operation, ctx.accountId, ctx.region, opts);
  if (service !== 'sts') assertRegionEnabled(sim, service, ctx.accountId, ctx.region);
  const gated = ROLE_GATED[`${service}:${operation.toLowerCase()}`];
  if (gated && ctx.via && !allows(ctx.via.role, gated)) {
    // EC2 reports IAM denials as UnauthorizedOperation; SSM as AccessDeniedException.
    const code = service === 'ec2' ? 'UnauthorizedOperation' : 'AccessDeniedException';
    throw fail(
      service,
      code,
      `User: ${callerArn(ctx)} is not authorized to perform: ${gated} because the role ${ctx.via.role.name} in account ${ctx.accountId} does not allow it (add ${gated} to its permissions).`,
    );
  }
  return ctx;
}

/** `OptInRequired` when the account has not enabled an opt-in Region. */
export function assertRegionEnabled(sim: Sim, service: CloudService, accountId: string, region: string): void {
  if (sim.state.accounts.get(accountId)?.disabledRegions.includes(region)) {
    throw fail(
      service,
      'OptInRequired',
      `Account ${accountId} is not opted in to Region ${region}: the Region is disabled for this account (disabledRegions), so nothing can be created or read there.`,
    );
  }
}

function allows(role: RoleRec, action: string): boolean {
  const [svc] = action.split(':');
  return role.permissions.some((p) => p === '*' || p === action || p === `${svc}:*`);
}

function resolveCaller(sim: Sim, service: CloudService, scope: CloudScope): Ctx {
  if (!scope.credentials) return { accountId: scope.accountId, region: scope.region };
  const claims = decodeSession(scope.credentials.sessionToken);
  if (!claims) throw fail(service, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (claims.x <= sim.clock.now()) throw fail(service, 'ExpiredToken', 'The security token included in the request is expired.');
  const role = sim.state.accounts.get(claims.a)?.roles.find((r) => r.name === claims.r);
  if (!role || !role.trustedAccounts.includes(claims.c)) {
    throw fail(
      service,
      'InvalidClientTokenId',
      `The security token included in the request is invalid: role ${claims.r} in account ${claims.a} no longer exists or no longer trusts account ${claims.c}.`,
    );
  }
  return { accountId: claims.a, region: scope.region, via: { role, sessionName: claims.s, sourceAccountId: claims.c } };
}
