// licenseImage: associates the configured License Manager configurations with the owner's AMI.
import { partitionOf } from '../../domain/scope.js';
import { imageFrom, type StepHandler } from './context.js';

export const licenseImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const arns = step.input.licenseConfigurationArns as string[];
  await cx.cloud.licenseManager.updateLicenseSpecificationsForResource(scope, {
    resourceArn: `arn:${partitionOf(step.region)}:ec2:${step.region}::image/${imageId}`,
    addLicenseSpecifications: arns.map((licenseConfigurationArn) => ({ licenseConfigurationArn })),
  });
  return { done: true, output: { imageId, licenseConfigurationArns: arns } };
};
