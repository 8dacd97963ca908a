// shareImage: adds the configured launch permissions (accounts, 'all', organizations, OUs) to
// the owner's AMI in the Region. Sharing, not copying: the owner keeps the AMI.
import type { LaunchPermission } from '../../cloud/ports.js';
import type { LaunchPermissionConfiguration } from '../../model/generated/types.js';
import { imageFrom, type StepHandler } from './context.js';

export const shareImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const lp = step.input.launchPermission as LaunchPermissionConfiguration;
  const add: LaunchPermission[] = [
    ...(lp.userIds ?? []).map((userId) => ({ userId })),
    ...(lp.userGroups ?? []).map((g) => ({ group: g as 'all' })),
    ...(lp.organizationArns ?? []).map((organizationArn) => ({ organizationArn })),
    ...(lp.organizationalUnitArns ?? []).map((organizationalUnitArn) => ({ organizationalUnitArn })),
  ];
  await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add } });
  return { done: true, output: { imageId, launchPermission: lp } };
};
