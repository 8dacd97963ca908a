// tagImage: the source AMI is the owner's AMI in its own Region (nothing about it changes), so it
// is only tagged; its name and description become the step's output like a copy's.
import { CloudError } from '../../cloud/ports.js';
import { tagList, type StepDefinition } from './contract.js';

export const tagImage: StepDefinition<'tagImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = step.input.imageId;
    await cx.cloud.ec2.createTags(scope, { resources: [imageId], tags: tagList(step.input.tags) });
    const img = (await cx.cloud.ec2.describeImages(scope, { imageIds: [imageId] })).images[0];
    if (!img) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`, false);
    return { done: true, output: { imageId, name: img.name, ...(img.description !== undefined ? { description: img.description } : {}) } };
  },
  // Any call in a Region the account has not enabled fails with OptInRequired.
  async check(step, c) {
    await c.cloud.ec2.getImageBlockPublicAccessState(await c.as(step.accountId, step.region));
  },
};
