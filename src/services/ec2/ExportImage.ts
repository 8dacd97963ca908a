// EC2 ExportImage: exports an available AMI the caller owns to S3 as
// `<S3Prefix><task id>.<format>`, which appears in the bucket when the export completes.
import type { DiskImageFormat } from '../../cloud/ports.js';
import type { WorldHandler } from '../world-call.js';

export const ExportImage: WorldHandler = async (input, call) => {
  const loc = input.S3ExportLocation as { S3Bucket: string; S3Prefix?: string };
  const out = await call.ports.ec2.exportImage(call.scope, {
    imageId: input.ImageId as string,
    diskImageFormat: input.DiskImageFormat as DiskImageFormat,
    s3ExportLocation: { s3Bucket: loc.S3Bucket, ...(loc.S3Prefix !== undefined ? { s3Prefix: loc.S3Prefix } : {}) },
    ...(input.RoleName !== undefined ? { roleName: input.RoleName as string } : {}),
    ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken as string } : {}),
    ...(input.DryRun === true ? { dryRun: true } : {}),
  });
  return {
    ExportImageTaskId: out.exportImageTaskId,
    ImageId: input.ImageId,
    DiskImageFormat: input.DiskImageFormat,
    RoleName: input.RoleName ?? 'vmimport',
    S3ExportLocation: loc,
    Status: out.status,
    Progress: '0',
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
  };
};
