// EC2 CreateLaunchTemplateVersion: a new version copying SourceVersion (default: the default
// version) with the new data's ImageId — the same port the engine's launch-template step uses.
import type { Doc, WorldHandler } from '../context.js';
import { templateId, wireVersion } from './templates.js';

export const CreateLaunchTemplateVersion: WorldHandler = async (input, call) => {
  const id = templateId(call, input, 'CreateLaunchTemplateVersion');
  const data = input.LaunchTemplateData as Doc;
  const { launchTemplateVersion: v } = await call.ports.ec2.createLaunchTemplateVersion(call.scope, {
    launchTemplateId: id,
    ...(input.SourceVersion !== undefined ? { sourceVersion: input.SourceVersion as string } : {}),
    launchTemplateData: data.ImageId !== undefined ? { imageId: data.ImageId as string } : {},
    ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken as string } : {}),
    ...(input.DryRun === true ? { dryRun: true } : {}),
  });
  const lt = call.sim.state.launchTemplates.get(id)!;
  return {
    LaunchTemplateVersion: {
      ...wireVersion(lt, { versionNumber: v.versionNumber, ...(v.launchTemplateData.imageId ? { imageId: v.launchTemplateData.imageId } : {}) }),
      ...(input.VersionDescription !== undefined ? { VersionDescription: input.VersionDescription } : {}),
    },
  };
};
