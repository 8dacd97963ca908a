// setDefaultVersion: makes an existing launch-template version the default again. No plan makes
// this step; rollback (src/beyond/rollback.ts) uses it to re-point a template to an earlier image.
import { nothingToCheck, type StepDefinition } from './contract.js';

export const setDefaultVersion: StepDefinition<'setDefaultVersion'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const { launchTemplateId, versionNumber, imageId } = step.input;
    await cx.cloud.ec2.modifyLaunchTemplate(scope, { launchTemplateId, defaultVersion: String(versionNumber) });
    return { done: true, output: { launchTemplateId, versionNumber, ...(imageId !== undefined ? { imageId } : {}), defaultVersion: true } };
  },
  check: nothingToCheck('no plan makes it; rollback plans it and checks the version itself'),
};
