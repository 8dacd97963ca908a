// grantLaunch: the owner lets a target account launch (and so copy) the owner's AMI in the Region.
import { dryRunCheck, type ModifyImageAttributeInput } from '../../cloud/ports.js';
import type { StepInputs } from '../step-inputs.js';
import { imageFrom, type StepDefinition } from './contract.js';

/** The one ModifyImageAttribute request of a grant (the run's and the dry run's). */
function grantRequest(imageId: string, i: StepInputs['grantLaunch']): ModifyImageAttributeInput {
  return { imageId, launchPermission: { add: [{ userId: i.userId }] } };
}

export const grantLaunch: StepDefinition<'grantLaunch'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    await cx.cloud.ec2.modifyImageAttribute(scope, grantRequest(imageId, step.input));
    return { done: true, output: { imageId, userId: step.input.userId } };
  },
  // The owner's AMI in the Region may not exist yet: a stand-in the owner owns takes its place.
  async check(step, c) {
    const scope = await c.as(step.accountId, step.region);
    const imageId = await c.standIns.owned(scope);
    if (imageId)
      await dryRunCheck('ec2', 'ModifyImageAttribute', c.cloud.ec2.modifyImageAttribute(scope, { ...grantRequest(imageId, step.input), dryRun: true }));
  },
};
