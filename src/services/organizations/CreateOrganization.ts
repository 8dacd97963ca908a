// Organizations CreateOrganization: the caller becomes the management account of a new
// organization (AlreadyInOrganizationException when it is a member of one).
import type { WorldHandler } from '../world-call.js';
import { WorldError } from '../world-call.js';
import { newOrgId, orgsEnter, wireOrg } from './tree.js';

export const CreateOrganization: WorldHandler = async (input, call) => {
  const ctx = orgsEnter(call, 'CreateOrganization');
  if (call.sim.state.membership.has(ctx.accountId))
    throw new WorldError('AlreadyInOrganizationException', 'The AWS account is already a member of an organization.');
  if (input.FeatureSet !== undefined && input.FeatureSet !== 'ALL')
    throw new WorldError('UnsupportedAPIEndpointException', "ibex's simulated Organizations models FeatureSet ALL only.");
  const org = { id: newOrgId(), managementAccountId: ctx.accountId, accounts: [], units: [] };
  call.sim.state.putOrg(org);
  return { Organization: wireOrg(org) };
};
