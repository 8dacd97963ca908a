// tagImage: the owner's AMI in the source Region is the source itself (nothing to rename or
// re-encrypt); it only gets the distribution's tags.
import { tagList, type StepHandler } from './context.js';
import { CloudError } from '../../cloud/ports.js';

export const tagImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = step.input.imageId as string;
  await cx.cloud.ec2.createTags(scope, { resources: [imageId], tags: tagList(step.input.tags) });
  const img = (await cx.cloud.ec2.describeImages(scope, { imageIds: [imageId] })).images[0];
  if (!img) throw new CloudError('ec2', 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`, false);
  return { done: true, output: { imageId, name: img.name, ...(img.description !== undefined ? { description: img.description } : {}) } };
};
