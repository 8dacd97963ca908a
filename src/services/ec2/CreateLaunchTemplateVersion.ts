// EC2 CreateLaunchTemplateVersion: a new version with the request's LaunchTemplateData — over
// SourceVersion's data when the request names one, as EC2 does — in one transaction with its
// client token (the port the engine's launch-template step uses builds on the default version).
import { createTemplateVersion } from '../../cloud/simulated/ec2-templates.js';
import type { Doc, WorldHandler } from '../world-call.js';
import { storedTemplateData } from './launch-template-data.js';
import { templateId, wireVersion } from './templates.js';

export const CreateLaunchTemplateVersion: WorldHandler = async (input, call) => {
  const id = templateId(call, input, 'CreateLaunchTemplateVersion');
  const data = input.LaunchTemplateData as Doc;
  const { lt, version } = createTemplateVersion(call.sim, call.scope, {
    launchTemplateId: id,
    ...(input.SourceVersion !== undefined ? { sourceVersion: input.SourceVersion as string } : {}),
    launchTemplateData: data.ImageId !== undefined ? { imageId: data.ImageId as string } : {},
    data: storedTemplateData(data),
    ...(input.VersionDescription !== undefined ? { versionDescription: input.VersionDescription as string } : {}),
    ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken as string } : {}),
    ...(input.DryRun === true ? { dryRun: true } : {}),
    inherit: 'named',
  });
  return { LaunchTemplateVersion: wireVersion(lt, version) };
};
