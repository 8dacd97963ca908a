// EC2 CopyImage: called in the destination Region; copies an AMI the caller may see (its own,
// shared or public) into its account, with KMS, duplicate-name and client-token rules.
import type { WorldHandler } from '../world-call.js';
import { imageTagSpecs } from './views.js';

export const CopyImage: WorldHandler = async (input, call) => {
  const { imageId } = await call.ports.ec2.copyImage(call.scope, {
    sourceImageId: input.SourceImageId as string,
    sourceRegion: input.SourceRegion as string,
    name: input.Name as string,
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
    ...(input.Encrypted !== undefined ? { encrypted: input.Encrypted as boolean } : {}),
    ...(input.KmsKeyId !== undefined ? { kmsKeyId: input.KmsKeyId as string } : {}),
    ...(input.ClientToken !== undefined ? { clientToken: input.ClientToken as string } : {}),
    ...(input.TagSpecifications ? { tagSpecifications: imageTagSpecs(input.TagSpecifications) } : {}),
    ...(input.DryRun === true ? { dryRun: true } : {}),
  });
  return { ImageId: imageId };
};
