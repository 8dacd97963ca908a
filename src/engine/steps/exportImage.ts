// exportImage: starts EC2 ExportImage of the owner's AMI to the configured bucket and prefix,
// with the VM Import/Export role. waitExport follows the task to the end.
import { dryRunCheck } from '../../cloud/ports.js';
import type { StepInputs } from '../step-inputs.js';
import { imageFrom, type StepDefinition } from './contract.js';

/** The one ExportImage request of an export of `imageId` (the run's and the dry run's). */
function exportRequest(imageId: string, i: StepInputs['exportImage']) {
  return {
    imageId,
    diskImageFormat: i.diskImageFormat,
    s3ExportLocation: { s3Bucket: i.s3Bucket, ...(i.s3Prefix !== undefined ? { s3Prefix: i.s3Prefix } : {}) },
    ...(i.roleName !== undefined ? { roleName: i.roleName } : {}),
  };
}

export const exportImage: StepDefinition<'exportImage'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const imageId = imageFrom(step.input.imageStep, cx);
    const task = await cx.cloud.ec2.exportImage(scope, { ...exportRequest(imageId, step.input), clientToken: cx.token });
    return { done: true, output: { imageId, exportImageTaskId: task.exportImageTaskId } };
  },
  async check(step, c) {
    const scope = await c.as(step.accountId, step.region);
    await c.cloud.s3.headBucket(scope, { bucket: step.input.s3Bucket });
    // Acts on the owner's AMI in the Region: a stand-in until it exists.
    const imageId = await c.standIns.owned(scope);
    if (imageId) await dryRunCheck('ec2', 'ExportImage', c.cloud.ec2.exportImage(scope, { ...exportRequest(imageId, step.input), dryRun: true }));
  },
};
