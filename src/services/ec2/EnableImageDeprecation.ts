// EC2 EnableImageDeprecation: deprecates an AMI the caller owns at DeprecateAt (the lifecycle port).
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const EnableImageDeprecation: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.enableImageDeprecation(call.scope, { imageId: input.ImageId as string, deprecateAt: (input.DeprecateAt as Date).toISOString() });
  return { Return: true };
};
