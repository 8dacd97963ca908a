// Organizations MoveAccount: moves a member account from its parent to another root or OU; AMIs
// shared with an OU follow at once (membership is recomputed in the same write).
import type { OrgRec, UnitRec } from '../../cloud/simulated/records.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { allAccounts, childrenOf, findUnit, managedOrg, orgsEnter, parentOfAccount, rootIdOf } from './tree.js';

export const MoveAccount: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'MoveAccount'));
  const id = input.AccountId as string;
  const from = input.SourceParentId as string;
  const to = input.DestinationParentId as string;
  if (!allAccounts(org).includes(id)) throw new WorldError('AccountNotFoundException', "You specified an account that doesn't exist.");
  if (!childrenOf(org, from)) throw new WorldError('SourceParentNotFoundException', "You specified a source parent that doesn't exist.");
  if (!childrenOf(org, to)) throw new WorldError('DestinationParentNotFoundException', "You specified a destination parent that doesn't exist.");
  const current = parentOfAccount(org, id);
  if (current === to) throw new WorldError('DuplicateAccountException', 'That account is already present in the specified destination.');
  if (current !== from) throw new WorldError('AccountNotFoundException', "You specified an account that doesn't exist under the source parent.");
  const next: OrgRec = structuredClone(org);
  const holder = (pid: string): { accounts: string[] } => (pid === rootIdOf(next) ? next : (findUnit(next.units, pid) as UnitRec));
  if (id !== next.managementAccountId) holder(from).accounts = holder(from).accounts.filter((a) => a !== id);
  holder(to).accounts.push(id);
  call.sim.state.putOrg(next);
  return {};
};
