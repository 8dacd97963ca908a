// revokeLaunch: removes launch permissions from the owner's AMI in the Region. No plan makes this
// step; drift repair (src/beyond/drift.ts) uses it to take back permissions added by hand.
import type { LaunchPermission } from '../../cloud/ports.js';
import { imageFrom, type StepHandler } from './context.js';

export const revokeLaunch: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const remove = step.input.remove as LaunchPermission[];
  await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { remove } });
  return { done: true, output: { imageId, removed: remove } };
};
