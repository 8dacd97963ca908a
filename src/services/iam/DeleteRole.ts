// IAM DeleteRole: deletes a role that has no policies left (DeleteConflict otherwise).
import { WorldError, type WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, iamOf, roleOf, saveRole } from './roles.js';

export const DeleteRole: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'DeleteRole');
  const acct = accountOf(call, ctx);
  const role = roleOf(acct, input.RoleName as string);
  const iam = iamOf(role);
  if (role.iam && (iam.attachedPolicies.length || Object.keys(iam.inlinePolicies).length)) {
    throw new WorldError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
  }
  saveRole(call, acct, null, role.name);
  return {};
};
