// EC2 RegisterImage: a new AMI in the caller's account (the way tests and scripts make source
// AMIs). Name rules and duplicates as AWS; `Platform` follows a Windows-looking name or
// description or the Windows billing product, since AWS takes it from the snapshot's billing codes.
import type { WorldHandler } from '../world-call.js';
import { dryRun, imageTagSpecs } from './views.js';
import { WINDOWS_BILLING_PRODUCT } from '../../cloud/aws/ec2.js';

export const RegisterImage: WorldHandler = async (input, call) => {
  dryRun(input);
  const name = input.Name as string;
  const description = input.Description as string | undefined;
  const windows =
    /windows/i.test(name) || /windows/i.test(description ?? '') || ((input.BillingProducts as string[] | undefined) ?? []).includes(WINDOWS_BILLING_PRODUCT);
  const bdm = (input.BlockDeviceMappings as { Ebs?: { Encrypted?: boolean; KmsKeyId?: string } }[] | undefined) ?? [];
  const ebs = bdm.find((b) => b.Ebs)?.Ebs;
  const { imageId } = await call.ports.ec2.registerImage(call.scope, {
    name,
    ...(description !== undefined ? { description } : {}),
    platform: windows ? 'Windows' : 'Linux',
    ...(ebs?.Encrypted ? { encrypted: true } : {}),
    ...(ebs?.KmsKeyId ? { kmsKeyId: ebs.KmsKeyId } : {}),
    tagSpecifications: imageTagSpecs(input.TagSpecifications),
  });
  return { ImageId: imageId };
};
