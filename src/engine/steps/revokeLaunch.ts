// revokeLaunch: removes launch permissions from the owner's AMI in the Region. No plan makes this
// step; drift repair (src/beyond/drift.ts) uses it to take back permissions added by hand.
import { imageFrom, nothingToCheck, type StepDefinition } from './contract.js';

export const revokeLaunch: StepDefinition<'revokeLaunch'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const remove = step.input.remove;
    await cx.cloud.ec2.modifyImageAttribute(scope, { imageId, launchPermission: { remove } });
    return { done: true, output: { imageId, removed: remove } };
  },
  check: nothingToCheck('no plan makes it; drift repair lists what it would remove'),
};
