// fastLaunch: enables Windows fast launch on the account's AMI in the Region.
import type { EnableFastLaunchInput } from '../../cloud/ports.js';
import type { FastLaunchConfiguration } from '../../model/generated/types.js';
import { assertPlannable, imageFrom, type StepHandler } from './context.js';

/** EnableFastLaunch's input for `imageId` from a fastLaunch step's input (also used by the preflight). */
export function enableFastLaunchInput(imageId: string, stepInput: Record<string, unknown>): EnableFastLaunchInput {
  const i = stepInput as Pick<FastLaunchConfiguration, 'maxParallelLaunches' | 'snapshotConfiguration' | 'launchTemplate'>;
  const lt = i.launchTemplate;
  return {
    imageId,
    resourceType: 'snapshot',
    ...(i.snapshotConfiguration?.targetResourceCount !== undefined ? { snapshotConfiguration: { targetResourceCount: i.snapshotConfiguration.targetResourceCount } } : {}),
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

export const fastLaunch: StepHandler = async (step, cx) => {
  assertPlannable(step);
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const state = await cx.cloud.ec2.enableFastLaunch(scope, enableFastLaunchInput(imageId, step.input));
  return { done: true, output: { imageId, state: state.state, maxParallelLaunches: state.maxParallelLaunches } };
};
