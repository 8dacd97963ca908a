// Organizations ListAccounts: every account of the organization (management account only).
import type { WorldHandler } from '../world-call.js';
import { allAccounts, managedOrg, orgPage, orgsEnter, wireAccount } from './tree.js';

export const ListAccounts: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'ListAccounts'));
  const p = orgPage(allAccounts(org), input);
  return { Accounts: p.items.map((id) => wireAccount(call, org, id)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
