// fastLaunch: enables Windows fast launch on the account's AMI in the Region.
import { CloudError, dryRunCheck, type EnableFastLaunchInput } from '../../cloud/ports.js';
import type { StepInputs } from '../step-inputs.js';
import { assertPlannable, imageFrom, type StepDefinition } from './contract.js';

/** The one EnableFastLaunch request for `imageId` (the run's and the dry run's). */
function enableFastLaunchInput(imageId: string, i: StepInputs['fastLaunch']): EnableFastLaunchInput {
  const lt = i.launchTemplate;
  return {
    imageId,
    resourceType: 'snapshot',
    ...(i.snapshotConfiguration?.targetResourceCount !== undefined
      ? { snapshotConfiguration: { targetResourceCount: i.snapshotConfiguration.targetResourceCount } }
      : {}),
    ...(i.maxParallelLaunches !== undefined ? { maxParallelLaunches: i.maxParallelLaunches } : {}),
    ...(lt
      ? {
          launchTemplate: {
            ...(lt.launchTemplateId !== undefined ? { launchTemplateId: lt.launchTemplateId } : {}),
            ...(lt.launchTemplateName !== undefined ? { launchTemplateName: lt.launchTemplateName } : {}),
            version: lt.launchTemplateVersion ?? '$Default',
          },
        }
      : {}),
  };
}

export const fastLaunch: StepDefinition<'fastLaunch'> = {
  async run(step, cx) {
    assertPlannable(step.input);
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const state = await cx.cloud.ec2.enableFastLaunch(scope, enableFastLaunchInput(imageId, step.input));
    return {
      done: true,
      output: { imageId, state: state.state, ...(state.maxParallelLaunches !== undefined ? { maxParallelLaunches: state.maxParallelLaunches } : {}) },
    };
  },
  async check(step, c) {
    const src = c.input.source;
    if (src.kind === 'ami' && src.platform !== 'Windows') {
      throw new CloudError('ec2', 'InvalidParameter', `Fast launch is only supported for Windows AMIs; ${src.imageId} is ${src.platform}.`, false);
    }
    // Acts on the account's AMI in the Region: a Windows stand-in until it exists.
    const scope = await c.as(step.accountId, step.region);
    const imageId = await c.standIns.owned(scope, { windows: true });
    if (imageId)
      await dryRunCheck('ec2', 'EnableFastLaunch', c.cloud.ec2.enableFastLaunch(scope, { ...enableFastLaunchInput(imageId, step.input), dryRun: true }));
  },
};
