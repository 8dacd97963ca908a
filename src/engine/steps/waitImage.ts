// waitImage: polls the copy made by `copyStep` until it is available; its output is the account's
// AMI in the Region (the step key `imageStepKey`). A failed copy fails the step for good.
import { CloudError } from '../../cloud/ports.js';
import { nothingToCheck, type StepDefinition } from './contract.js';

export const waitImage: StepDefinition<'waitImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const copied = cx.outputOf(step.input.copyStep, 'copyImage');
    if (!copied) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `No AMI was produced by step ${step.input.copyStep}.`, false);
    const imageId = copied.imageId;
    const { images } = await cx.cloud.ec2.describeImages(scope, { imageIds: [imageId] });
    const img = images[0];
    if (!img) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`, false);
    if (img.state === 'available') {
      return { done: true, output: { imageId, name: img.name, ...(img.description !== undefined ? { description: img.description } : {}) } };
    }
    if (img.state === 'pending') return { done: false, waitMs: cx.pollMs };
    throw new CloudError('ec2', 'AMICopyFailed', `AMI Copy Reported Failure For ${imageId}: ${img.stateReason?.message ?? img.state}`, false);
  },
  check: nothingToCheck('a describe of an AMI the copy will make'),
};
