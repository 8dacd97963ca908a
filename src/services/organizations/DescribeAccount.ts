// Organizations DescribeAccount: a member account (management account only).
import type { WorldHandler } from '../world-call.js';
import { managedOrg, wireAccount } from './tree.js';

export const DescribeAccount: WorldHandler = async (input, call) => {
  await call.ports.organizations.describeAccount(call.scope, { accountId: input.AccountId as string });
  const org = managedOrg(call, { accountId: call.scope.accountId, region: call.scope.region });
  return { Account: wireAccount(call, org, input.AccountId as string) };
};
