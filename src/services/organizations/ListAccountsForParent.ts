// Organizations ListAccountsForParent: the accounts directly under a root or OU.
import { WorldError, type WorldHandler } from '../world-call.js';
import { childrenOf, managedOrg, orgPage, orgsEnter, wireAccount } from './tree.js';

export const ListAccountsForParent: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'ListAccountsForParent'));
  const kids = childrenOf(org, input.ParentId as string);
  if (!kids) throw new WorldError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  const p = orgPage(kids.accounts, input);
  return { Accounts: p.items.map((id) => wireAccount(call, org, id)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
