// grantLaunch: lets a target account launch (and so copy) the owner's AMI in the Region, as
// Image Builder does implicitly before a cross-account copy.
import { imageFrom, type StepHandler } from './context.js';

export const grantLaunch: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add: [{ userId: step.input.userId as string }] } });
  return { done: true, output: { imageId, userId: step.input.userId } };
};
