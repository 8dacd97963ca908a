// Organizations CreateOrganizationalUnit: a new OU under a root or OU; names are unique under
// their parent.
import { ouArn } from '../../cloud/simulated/arns.js';
import type { OrgRec, UnitRec } from '../../cloud/simulated/records.js';
import { WorldError, type WorldHandler } from '../world-call.js';
import { childrenOf, findUnit, managedOrg, newOuId, orgsEnter, pathTo, rootIdOf } from './tree.js';

export const CreateOrganizationalUnit: WorldHandler = async (input, call) => {
  const org = managedOrg(call, orgsEnter(call, 'CreateOrganizationalUnit'));
  const parentId = input.ParentId as string;
  const name = input.Name as string;
  const kids = childrenOf(org, parentId);
  if (!kids) throw new WorldError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  if (kids.units.some((u) => u.name === name)) throw new WorldError('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
  const unit: UnitRec = { id: newOuId(org), name, accounts: [], units: [] };
  const next: OrgRec = structuredClone(org);
  if (parentId === rootIdOf(org)) next.units.push(unit);
  else findUnit(next.units, parentId)!.units.push(unit);
  call.sim.state.putOrg(next);
  return {
    OrganizationalUnit: { Id: unit.id, Arn: ouArn(org.managementAccountId, org.id, unit.id), Name: name, Path: `${pathTo(next, parentId)}${unit.id}/` },
  };
};
