// exportImage: starts EC2 ExportImage of the owner's AMI to the configured bucket and prefix,
// with the VM Import/Export role. waitExport follows the task to the end.
import { imageFrom, type StepHandler } from './context.js';

export const exportImage: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const imageId = imageFrom(step, cx);
  const i = step.input;
  const task = await cx.cloud.ec2.exportImage(scope, {
    imageId,
    diskImageFormat: i.diskImageFormat as 'VMDK' | 'RAW' | 'VHD',
    s3ExportLocation: { s3Bucket: i.s3Bucket as string, ...(i.s3Prefix !== undefined ? { s3Prefix: i.s3Prefix as string } : {}) },
    roleName: i.roleName as string,
    clientToken: cx.token,
  });
  return { done: true, output: { imageId, exportImageTaskId: task.exportImageTaskId } };
};
