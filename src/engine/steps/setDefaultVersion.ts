// setDefaultVersion: makes an existing launch-template version the default again. No plan makes
// this step; rollback (src/beyond/rollback.ts) uses it to re-point a template to an earlier image.
import type { StepHandler } from './context.js';

export const setDefaultVersion: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const launchTemplateId = step.input.launchTemplateId as string;
  const versionNumber = step.input.versionNumber as number;
  await cx.cloud.ec2.modifyLaunchTemplate(scope, { launchTemplateId, defaultVersion: String(versionNumber) });
  return { done: true, output: { launchTemplateId, versionNumber, imageId: step.input.imageId, defaultVersion: true } };
};
