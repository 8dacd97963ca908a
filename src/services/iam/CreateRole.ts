// IAM CreateRole: a role whose trust policy names the accounts (and services) that may assume
// it — what STS AssumeRole and the engine's cross-account step check.
import { WorldError, type WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, parseTrust, saveRole, wireRole } from './roles.js';

export const CreateRole: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'CreateRole');
  const acct = accountOf(call, ctx);
  const name = input.RoleName as string;
  if (acct.roles.some((r) => r.name.toLowerCase() === name.toLowerCase()))
    throw new WorldError('EntityAlreadyExists', `Role with name ${name} already exists.`);
  const doc = input.AssumeRolePolicyDocument as string;
  const trust = parseTrust(doc);
  const role = {
    name,
    ...trust,
    permissions: [],
    iam: {
      path: (input.Path as string | undefined) ?? '/',
      createdAt: call.sim.clock.now(),
      assumeRolePolicyDocument: doc,
      ...(input.Description !== undefined ? { description: input.Description as string } : {}),
      maxSessionDuration: (input.MaxSessionDuration as number | undefined) ?? 3600,
      attachedPolicies: [],
      inlinePolicies: {},
    },
  };
  saveRole(call, acct, role, name);
  return { Role: wireRole(ctx.accountId, role) };
};
