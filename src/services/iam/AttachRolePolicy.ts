// IAM AttachRolePolicy: attaches an AWS managed policy (e.g. Ec2ImageBuilderCrossAccountDistributionAccess);
// its actions become the role's permissions. At most 10 per role, as AWS's default quota.
import { WorldError, type WorldHandler } from '../world-call.js';
import { accountOf, iamEnter, iamOf, MANAGED_POLICIES, permissionsOf, roleOf, saveRole } from './roles.js';

export const AttachRolePolicy: WorldHandler = async (input, call) => {
  const ctx = iamEnter(call, 'AttachRolePolicy');
  const acct = accountOf(call, ctx);
  const role = roleOf(acct, input.RoleName as string);
  const arn = input.PolicyArn as string;
  if (!MANAGED_POLICIES[arn]) throw new WorldError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
  const iam = iamOf(role);
  if (iam.attachedPolicies.includes(arn)) return {};
  if (iam.attachedPolicies.length >= 10) throw new WorldError('LimitExceeded', `Cannot exceed quota for PoliciesPerRole: 10`);
  const next = { ...iam, attachedPolicies: [...iam.attachedPolicies, arn] };
  saveRole(call, acct, { ...role, iam: next, permissions: permissionsOf(next) }, role.name);
  return {};
};
