// EC2 DeregisterImage: the owner deregisters an AMI; its name becomes free and it vanishes from
// every account's DescribeImages.
import type { WorldHandler } from '../context.js';
import { dryRun } from './views.js';

export const DeregisterImage: WorldHandler = async (input, call) => {
  if (input.DryRun === true) {
    await call.ports.ec2.describeImageAttribute(call.scope, { imageId: input.ImageId as string, attribute: 'launchPermission' });
    dryRun(input);
  }
  await call.ports.ec2.deregisterImage(call.scope, { imageId: input.ImageId as string });
  return { Return: true, ...(input.DeleteAssociatedSnapshots === true ? { DeleteSnapshotResults: [{ SnapshotId: `snap-${(input.ImageId as string).slice(4)}`, ReturnCode: 'success' }] } : {}) };
};
