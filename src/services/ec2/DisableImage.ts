// EC2 DisableImage: the AMI becomes `disabled` and loses every launch permission.
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const DisableImage: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.disableImage(call.scope, { imageId: input.ImageId as string });
  return { Return: true };
};
