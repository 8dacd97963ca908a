// EC2 CreateImage: an AMI from a (notional) instance; the simulated world has no instances, so
// it registers the AMI as RegisterImage does.
import type { WorldHandler } from '../world-call.js';
import { dryRun, imageTagSpecs } from './views.js';

export const CreateImage: WorldHandler = async (input, call) => {
  dryRun(input);
  const { imageId } = await call.ports.ec2.createImage(call.scope, {
    name: input.Name as string,
    instanceId: input.InstanceId as string,
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
    tagSpecifications: imageTagSpecs(input.TagSpecifications),
  });
  return { ImageId: imageId };
};
