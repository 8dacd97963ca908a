// waitImage: polls a copied AMI until it is available; a failed copy fails the job.
import { CloudError } from '../../cloud/ports.js';
import type { StepHandler } from './context.js';

export const waitImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = cx.outputOf(step.input.copyStep as string)?.imageId as string;
  const { images } = await cx.cloud.ec2.describeImages(scope, { imageIds: [imageId] });
  const img = images[0];
  if (!img) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`, false);
  if (img.state === 'available') {
    return { done: true, output: { imageId, name: img.name, ...(img.description !== undefined ? { description: img.description } : {}) } };
  }
  if (img.state === 'pending') return { done: false, waitMs: cx.pollMs };
  throw new CloudError('ec2', 'AMICopyFailed', `AMI Copy Reported Failure For ${imageId}: ${img.stateReason?.message ?? img.state}`, false);
};
