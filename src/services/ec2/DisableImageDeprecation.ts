// EC2 DisableImageDeprecation: cancels an AMI's deprecation.
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const DisableImageDeprecation: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.disableImageDeprecation(call.scope, { imageId: input.ImageId as string });
  return { Return: true };
};
