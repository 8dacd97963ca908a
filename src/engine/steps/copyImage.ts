// copyImage: copies the source AMI (or, for a target account, the owner's AMI in the Region)
// into the step's account and Region with the configured name, description, encryption and tags.
// The client token makes a retried or resumed copy return the same AMI instead of a second one.
// Its check carries the AMI job's predictions: the Region is enabled, the name is free, the key
// exists, and the copy itself passes a dry run.
import { CloudError, dryRunCheck, type CopyImageInput } from '../../cloud/ports.js';
import type { StepInputs } from '../step-inputs.js';
import { imageFrom, tagList, type StepDefinition } from './contract.js';

/** The one CopyImage request of a copy step from `sourceImageId` (the run's and the dry run's). */
function copyRequest(sourceImageId: string, i: StepInputs['copyImage']): CopyImageInput {
  return {
    sourceImageId,
    sourceRegion: i.sourceRegion,
    name: i.name,
    ...(i.description !== undefined ? { description: i.description } : {}),
    ...(i.encrypted !== undefined ? { encrypted: i.encrypted } : {}),
    ...(i.kmsKeyId !== undefined ? { kmsKeyId: i.kmsKeyId } : {}),
    tagSpecifications: [{ resourceType: 'image', tags: tagList(i.tags) }],
  };
}

export const copyImage: StepDefinition<'copyImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const i = step.input;
    const source = i.sourceImageStep !== undefined ? imageFrom(i.sourceImageStep, cx) : i.sourceImageId!;
    const { imageId } = await cx.cloud.ec2.copyImage(scope, { ...copyRequest(source, i), clientToken: cx.token });
    return { done: true, output: { imageId } };
  },
  async check(step, c) {
    const ec2 = c.cloud.ec2;
    const scope = await c.as(step.accountId, step.region);
    const i = step.input;
    // Any call in a Region the account has not enabled fails with OptInRequired.
    await ec2.getImageBlockPublicAccessState(scope);
    const clash = (await ec2.describeImages(scope, { owners: ['self'], filters: [{ name: 'name', values: [i.name] }] })).images[0];
    if (clash) throw new CloudError('ec2', 'InvalidAMIName.Duplicate', `AMI name ${i.name} is already in use by AMI ${clash.imageId}`, false);
    if (i.kmsKeyId) await c.cloud.kms.describeKey(scope, { keyId: i.kmsKeyId });
    else if (c.sourceEncrypted && step.accountId !== c.owner.accountId) {
      c.warn(`The source AMI is encrypted and no kmsKeyId is configured: account ${step.accountId} must be able to use the source key.`);
    }
    // The owner copies the source itself (known); a target copies the owner's AMI in the Region,
    // which does not exist yet, so a stand-in the target can copy takes its place.
    const source = i.sourceImageId ?? (await c.standIns.copyable(scope));
    if (source) await dryRunCheck('ec2', 'CopyImage', ec2.copyImage(scope, { ...copyRequest(source, i), dryRun: true }));
  },
};
