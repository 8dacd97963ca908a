// EC2 EnableFastLaunch: Windows fast launch on an AMI the caller owns (MaxParallelLaunches ≥ 6).
import type { Doc, WorldHandler } from '../world-call.js';
import { wireFastLaunch } from './fast-launch.js';

export const EnableFastLaunch: WorldHandler = async (input, call) => {
  const lt = input.LaunchTemplate as Doc | undefined;
  const snap = input.SnapshotConfiguration as Doc | undefined;
  const state = await call.ports.ec2.enableFastLaunch(call.scope, {
    imageId: input.ImageId as string,
    ...(input.ResourceType !== undefined ? { resourceType: input.ResourceType as 'snapshot' } : {}),
    ...(snap?.TargetResourceCount !== undefined ? { snapshotConfiguration: { targetResourceCount: snap.TargetResourceCount as number } } : {}),
    ...(lt
      ? {
          launchTemplate: {
            ...(lt.LaunchTemplateId ? { launchTemplateId: lt.LaunchTemplateId as string } : {}),
            ...(lt.LaunchTemplateName ? { launchTemplateName: lt.LaunchTemplateName as string } : {}),
            version: lt.Version as string,
          },
        }
      : {}),
    ...(input.MaxParallelLaunches !== undefined ? { maxParallelLaunches: input.MaxParallelLaunches as number } : {}),
    ...(input.DryRun === true ? { dryRun: true } : {}),
  });
  return wireFastLaunch(state);
};
