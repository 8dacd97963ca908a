// IAM PutRolePolicy: adds or replaces an inline policy; the actions it allows (ssm:PutParameter,
// ec2:CreateLaunchTemplateVersion, …) become the role's permissions.
import type { WorldHandler } from '../world-call.js';
import { accountOf, allowedActions, iamEnter, iamOf, permissionsOf, roleOf, saveRole } from './roles.js';

export const PutRolePolicy: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'PutRolePolicy');
  const acct = accountOf(call, ctx);
  const role = roleOf(acct, input.RoleName as string);
  const doc = input.PolicyDocument as string;
  allowedActions(doc);
  const iam = iamOf(role);
  const next = { ...iam, inlinePolicies: { ...iam.inlinePolicies, [input.PolicyName as string]: doc } };
  saveRole(call, acct, { ...role, iam: next, permissions: permissionsOf(next) }, role.name);
  return {};
};
