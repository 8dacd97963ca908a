// fastLaunch: enables Windows fast launch on the account's AMI in the Region.
import type { FastLaunchConfiguration } from '../../model/generated/types.js';
import { assertPlannable, imageFrom, type StepHandler } from './context.js';

export const fastLaunch: StepHandler = async (step, cx) => {
  assertPlannable(step);
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const i = step.input as Pick<FastLaunchConfiguration, 'maxParallelLaunches' | 'snapshotConfiguration' | 'launchTemplate'>;
  const lt = i.launchTemplate;
  const state = await cx.cloud.ec2.enableFastLaunch(scope, {
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
  });
  return { done: true, output: { imageId, state: state.state, maxParallelLaunches: state.maxParallelLaunches } };
};
