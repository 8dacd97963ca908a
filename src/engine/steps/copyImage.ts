// copyImage: copies the source AMI (or, for a target account, the owner's AMI in the Region)
// into the step's account and Region with the configured name,
// description, encryption and tags. The client token makes a retried or resumed copy return the
// same AMI instead of making a second one.
import { imageFrom, tagList, type StepHandler } from './context.js';

export const copyImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const i = step.input;
  const { imageId } = await cx.cloud.ec2.copyImage(scope, {
    sourceImageId: i.sourceImageStep !== undefined ? imageFrom({ ...step, input: { imageStep: i.sourceImageStep } }, cx) : (i.sourceImageId as string),
    sourceRegion: i.sourceRegion as string,
    name: i.name as string,
    ...(i.description !== undefined ? { description: i.description as string } : {}),
    ...(i.encrypted !== undefined ? { encrypted: i.encrypted as boolean } : {}),
    ...(i.kmsKeyId !== undefined ? { kmsKeyId: i.kmsKeyId as string } : {}),
    clientToken: cx.token,
    tagSpecifications: [{ resourceType: 'image', tags: tagList(i.tags) }],
  });
  return { done: true, output: { imageId } };
};
