// EC2 DescribeImageAttribute: one attribute of an AMI the caller owns (launchPermission,
// description, blockDeviceMapping; the others ibex does not model answer empty).
import { WorldError, type WorldHandler } from '../world-call.js';
import { dryRun, wirePermission } from './views.js';

export const DescribeImageAttribute: WorldHandler = async (input, call) => {
  const imageId = input.ImageId as string;
  const attribute = input.Attribute as string;
  // The owner check and the launch permissions come from the port; the rest from DescribeImages.
  const { launchPermissions } = await call.ports.ec2.describeImageAttribute(call.scope, { imageId, attribute: 'launchPermission' });
  dryRun(input);
  const out: Record<string, unknown> = { ImageId: imageId };
  if (attribute === 'launchPermission') out.LaunchPermissions = launchPermissions.map(wirePermission);
  else if (attribute === 'description' || attribute === 'blockDeviceMapping') {
    const img = (await call.ports.ec2.describeImages(call.scope, { imageIds: [imageId] })).images[0]!;
    if (attribute === 'description') out.Description = img.description !== undefined ? { Value: img.description } : {};
    else
      out.BlockDeviceMappings = img.blockDeviceMappings.map((b) => ({
        DeviceName: b.deviceName,
        Ebs: { SnapshotId: b.ebs.snapshotId, Encrypted: b.ebs.encrypted },
      }));
  } else if (attribute === 'productCodes') out.ProductCodes = [];
  else if (attribute === 'deregistrationProtection') out.DeregistrationProtection = { Value: 'disabled' };
  else if (!['kernel', 'ramdisk', 'sriovNetSupport', 'bootMode', 'tpmSupport', 'uefiData', 'lastLaunchedTime', 'imdsSupport'].includes(attribute)) {
    throw new WorldError('InvalidRequest', `The attribute '${attribute}' is not valid.`);
  }
  return out;
};
