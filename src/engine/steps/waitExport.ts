// waitExport: polls the export task until it completes; a failed task fails the job.
import { CloudError } from '../../cloud/ports.js';
import { nothingToCheck, type StepDefinition } from './contract.js';

export const waitExport: StepDefinition<'waitExport'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const started = cx.outputOf(step.input.exportStep, 'exportImage');
    if (!started) throw new CloudError('ec2', 'InvalidExportImageTaskId.NotFound', `No export task was started by step ${step.input.exportStep}.`, false);
    const id = started.exportImageTaskId;
    const { exportImageTasks } = await cx.cloud.ec2.describeExportImageTasks(scope, { exportImageTaskIds: [id] });
    const task = exportImageTasks[0];
    if (!task) throw new CloudError('ec2', 'InvalidExportImageTaskId.NotFound', `The export image task ID '${id}' does not exist`, false);
    if (task.status === 'active') return { done: false, waitMs: cx.pollMs };
    if (task.status !== 'completed') throw new CloudError('ec2', 'ExportImageFailed', task.statusMessage ?? `Export task ${id} ended ${task.status}`, false);
    const prefix = task.s3ExportLocation.s3Prefix ?? '';
    return {
      done: true,
      output: {
        imageId: started.imageId,
        exportImageTaskId: id,
        s3Bucket: task.s3ExportLocation.s3Bucket,
        s3Key: `${prefix}${id}.${task.diskImageFormat.toLowerCase()}`,
      },
    };
  },
  check: nothingToCheck('a describe of a task the export will start'),
};
