// grantLaunch: lets a target account launch (and so copy) the source AMI, as Image Builder does
// implicitly before a cross-account copy.
import type { StepHandler } from './context.js';

export const grantLaunch: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = step.input.imageId as string;
  await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { add: [{ userId: step.input.userId as string }] } });
  return { done: true, output: { imageId, userId: step.input.userId } };
};
