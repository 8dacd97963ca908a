// launchTemplate: adds a launch-template version that keeps every setting and points at the new
// AMI, and makes it the default unless setDefaultVersion is false. The client token makes a
// resumed step find its version instead of adding another.
import { imageFrom, type StepHandler } from './context.js';

export const launchTemplate: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const launchTemplateId = step.input.launchTemplateId as string;
  const { launchTemplateVersion } = await cx.cloud.ec2.createLaunchTemplateVersion(scope, {
    launchTemplateId,
    launchTemplateData: { imageId },
    clientToken: cx.token,
  });
  const setDefault = step.input.setDefaultVersion !== false;
  if (setDefault) {
    await cx.cloud.ec2.modifyLaunchTemplate(scope, { launchTemplateId, defaultVersion: String(launchTemplateVersion.versionNumber) });
  }
  return { done: true, output: { launchTemplateId, versionNumber: launchTemplateVersion.versionNumber, imageId, defaultVersion: setDefault } };
};
