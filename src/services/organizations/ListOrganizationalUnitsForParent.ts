// Organizations ListOrganizationalUnitsForParent: the OUs directly under a root or OU.
import { WorldError, type WorldHandler } from '../world-call.js';
import { childrenOf, managedOrg, orgPage, orgsEnter, pathTo, wireUnit } from './tree.js';

export const ListOrganizationalUnitsForParent: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'ListOrganizationalUnitsForParent'));
  const parentId = input.ParentId as string;
  const kids = childrenOf(org, parentId);
  if (!kids) throw new WorldError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  const p = orgPage(kids.units, input);
  return { OrganizationalUnits: p.items.map((u) => wireUnit(org, u, pathTo(org, parentId))), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
