// The model view of a fast-launch state.
import type { FastLaunchState } from '../../cloud/ports.js';
import type { Doc } from '../world-call.js';

export function wireFastLaunch(s: FastLaunchState): Doc {
  return {
    ImageId: s.imageId,
    ResourceType: s.resourceType,
    SnapshotConfiguration: { TargetResourceCount: s.snapshotConfiguration.targetResourceCount },
    ...(s.launchTemplate
      ? {
          LaunchTemplate: {
            ...(s.launchTemplate.launchTemplateId ? { LaunchTemplateId: s.launchTemplate.launchTemplateId } : {}),
            ...(s.launchTemplate.launchTemplateName ? { LaunchTemplateName: s.launchTemplate.launchTemplateName } : {}),
            Version: s.launchTemplate.version,
          },
        }
      : {}),
    MaxParallelLaunches: s.maxParallelLaunches,
    OwnerId: s.ownerId,
    State: s.state,
  };
}
