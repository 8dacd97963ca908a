// IAM DetachRolePolicy: detaches a managed policy; its actions leave the role's permissions.
import { WorldError, type WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, iamOf, permissionsOf, roleOf, saveRole } from './roles.js';

export const DetachRolePolicy: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'DetachRolePolicy');
  const acct = accountOf(call, ctx);
  const role = roleOf(acct, input.RoleName as string);
  const arn = input.PolicyArn as string;
  const iam = iamOf(role);
  if (!iam.attachedPolicies.includes(arn)) throw new WorldError('NoSuchEntity', `Policy ${arn} was not found.`);
  const next = { ...iam, attachedPolicies: iam.attachedPolicies.filter((a) => a !== arn) };
  saveRole(call, acct, { ...role, iam: next, permissions: permissionsOf(next) }, role.name);
  return {};
};
