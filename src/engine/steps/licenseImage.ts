// licenseImage: associates the configured license configurations with the owner's AMI.
import { partitionOf } from '../../domain/scope.js';
import { imageFrom, nothingToCheck, type StepDefinition } from './contract.js';

export const licenseImage: StepDefinition<'licenseImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const arns = step.input.licenseConfigurationArns;
    await cx.cloud.licenseManager.updateLicenseSpecificationsForResource(scope, {
      resourceArn: `arn:${partitionOf(step.region)}:ec2:${step.region}::image/${imageId}`,
      addLicenseSpecifications: arns.map((licenseConfigurationArn) => ({ licenseConfigurationArn })),
    });
    return { done: true, output: { imageId, licenseConfigurationArns: arns } };
  },
  check: nothingToCheck('License Manager has no DryRun; the role (checked for the job) is what usually fails'),
};
