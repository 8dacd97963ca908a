// EC2 EnableImage: re-enables a disabled AMI (its old launch permissions do not come back).
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const EnableImage: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.enableImage(call.scope, { imageId: input.ImageId as string });
  return { Return: true };
};
