// Simulated STS: AssumeRole succeeds only when the role exists and its trust policy names the
// calling account; the session it returns makes later calls act as the role's account.
import type { StsPort } from '../ports.js';
import { parseRoleArn } from './arns.js';
import { callerArn, encodeSession, enter, fail, hexId, type Sim } from './sim.js';

/** The simulated STS port. */
export function simulatedSts(sim: Sim): StsPort {
  return {
    async assumeRole(scope, input) {
      const ctx = enter(sim, 'sts', 'AssumeRole', scope);
      const parsed = parseRoleArn(input.roleArn);
      if (!parsed) throw fail('sts', 'ValidationError', `${input.roleArn} is invalid: a role ARN looks like arn:aws:iam::123456789012:role/Name.`);
      const role = sim.state.accounts.get(parsed.accountId)?.roles.find((r) => r.name === parsed.roleName);
      // AWS gives the same AccessDenied whether the role is missing or does not trust the caller;
      // ibex adds which one it is.
      const why = !role
        ? `role ${parsed.roleName} does not exist in account ${parsed.accountId}`
        : !role.trustedAccounts.includes(ctx.accountId)
          ? `the trust policy of role ${parsed.roleName} in account ${parsed.accountId} does not trust account ${ctx.accountId}`
          : null;
      if (why)
        throw fail('sts', 'AccessDenied', `User: ${callerArn(ctx)} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn} (${why}).`);
      const duration = (input.durationSeconds ?? 3600) * 1000;
      const expiresAt = sim.clock.now() + duration;
      const credentials = {
        accessKeyId: hexId('ASIA', 16).toUpperCase(),
        secretAccessKey: hexId('', 40),
        sessionToken: encodeSession({ a: parsed.accountId, r: parsed.roleName, c: ctx.accountId, s: input.roleSessionName, x: expiresAt }),
        expiration: new Date(expiresAt).toISOString(),
      };
      return {
        credentials,
        assumedRoleUser: {
          arn: `arn:aws:sts::${parsed.accountId}:assumed-role/${parsed.roleName}/${input.roleSessionName}`,
          assumedRoleId: `${hexId('AROA', 17).toUpperCase()}:${input.roleSessionName}`,
        },
        scope: { accountId: parsed.accountId, region: input.region ?? ctx.region, credentials },
      };
    },

    async getCallerIdentity(scope) {
      const ctx = enter(sim, 'sts', 'GetCallerIdentity', scope);
      return { account: ctx.accountId, arn: callerArn(ctx) };
    },
  };
}
