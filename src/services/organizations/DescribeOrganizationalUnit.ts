// Organizations DescribeOrganizationalUnit: one OU (management account only).
import type { WorldHandler } from '../world-call.js';
import { findUnit, managedOrg, pathTo, wireUnit } from './tree.js';

export const DescribeOrganizationalUnit: WorldHandler = async (input, call) => {
  await call.ports.organizations.describeOrganizationalUnit(call.scope, { organizationalUnitId: input.OrganizationalUnitId as string });
  const org = managedOrg(call, { accountId: call.scope.accountId, region: call.scope.region });
  const id = input.OrganizationalUnitId as string;
  const parent = call.sim.state.units.get(id)!.parentId;
  return { OrganizationalUnit: wireUnit(org, findUnit(org.units, id)!, pathTo(org, parent)) };
};
