// Organizations DescribeOrganization: the caller's organization (any member may ask).
import type { WorldHandler } from '../world-call.js';
import { orgOfCaller, wireOrg } from './tree.js';

export const DescribeOrganization: WorldHandler = async (_input, call) => {
  // The port applies the rules the engine sees (faults, the not-in-use error).
  await call.ports.organizations.describeOrganization(call.scope);
  return { Organization: wireOrg(orgOfCaller(call, { accountId: call.scope.accountId, region: call.scope.region })) };
};
