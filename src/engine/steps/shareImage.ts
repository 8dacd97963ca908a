// shareImage: adds the configured launch permissions (accounts, 'all', organizations, OUs) to
// the owner's AMI in the Region. Sharing, not copying: the owner keeps the AMI.
import { CloudError, dryRunCheck, type LaunchPermission } from '../../cloud/ports.js';
import type { LaunchPermissionConfiguration } from '../../model/generated/types.js';
import { imageFrom, type StepDefinition } from './contract.js';

/** The launch permissions a configuration adds (the run's and the dry run's). */
function additions(lp: LaunchPermissionConfiguration): LaunchPermission[] {
  return [
    ...(lp.userIds ?? []).map((userId) => ({ userId })),
    ...(lp.userGroups ?? []).map((g) => ({ group: g as 'all' })),
    ...(lp.organizationArns ?? []).map((organizationArn) => ({ organizationArn })),
    ...(lp.organizationalUnitArns ?? []).map((organizationalUnitArn) => ({ organizationalUnitArn })),
  ];
}

export const shareImage: StepDefinition<'shareImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const lp = step.input.launchPermission;
    await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add: additions(lp) } });
    return { done: true, output: { imageId, launchPermission: lp } };
  },
  async check(step, c) {
    const ec2 = c.cloud.ec2;
    const scope = await c.as(step.accountId, step.region);
    const lp = step.input.launchPermission;
    if (lp.userGroups?.includes('all')) {
      const { imageBlockPublicAccessState } = await ec2.getImageBlockPublicAccessState(scope);
      if (imageBlockPublicAccessState === 'block-new-sharing') {
        throw new CloudError(
          'ec2',
          'OperationNotPermitted',
          "You can't publicly share this image because block public access for AMIs is enabled for this account.",
          false,
        );
      }
    }
    // Acts on the owner's AMI in the Region: a stand-in until it exists.
    const imageId = await c.standIns.owned(scope);
    if (imageId)
      await dryRunCheck('ec2', 'ModifyImageAttribute', ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add: additions(lp) }, dryRun: true }));
  },
};
