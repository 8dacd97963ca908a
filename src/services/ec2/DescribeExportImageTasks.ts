// EC2 DescribeExportImageTasks: the caller's export tasks in its Region, by id or all.
import type { WorldHandler } from '../world-call.js';
import { dryRun, page } from './views.js';

export const DescribeExportImageTasks: WorldHandler = async (input, call) => {
  const ids = input.ExportImageTaskIds as string[] | undefined;
  const { exportImageTasks } = await call.ports.ec2.describeExportImageTasks(call.scope, ids?.length ? { exportImageTaskIds: ids } : {});
  dryRun(input);
  const p = page(exportImageTasks, input, { min: 1, max: 500 });
  return {
    ExportImageTasks: p.items.map((t) => ({
      ExportImageTaskId: t.exportImageTaskId,
      ImageId: t.imageId,
      Status: t.status,
      ...(t.statusMessage ? { StatusMessage: t.statusMessage } : {}),
      ...(t.progress ? { Progress: t.progress } : {}),
      S3ExportLocation: {
        S3Bucket: t.s3ExportLocation.s3Bucket,
        ...(t.s3ExportLocation.s3Prefix !== undefined ? { S3Prefix: t.s3ExportLocation.s3Prefix } : {}),
      },
    })),
    ...(p.NextToken ? { NextToken: p.NextToken } : {}),
  };
};
