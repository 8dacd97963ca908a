// IAM GetRole: one of the caller's roles.
import type { WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, roleOf, wireRole } from './roles.js';

export const GetRole: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'GetRole');
  return { Role: { ...wireRole(ctx.accountId, roleOf(accountOf(call, ctx), input.RoleName as string)), RoleLastUsed: {} } };
};
