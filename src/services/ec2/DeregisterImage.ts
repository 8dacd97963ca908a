// EC2 DeregisterImage: the owner deregisters an AMI; its name becomes free and it vanishes from
// every account's DescribeImages. With DeleteAssociatedSnapshots its snapshot is deleted too, and
// the outcome of that is reported per snapshot (a failure there does not undo the deregistration).
import { CloudError } from '../../cloud/ports.js';
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const DeregisterImage: WorldHandler = async (input, call) => {
  const imageId = input.ImageId as string;
  if (input.DryRun === true) {
    await call.ports.ec2.describeImageAttribute(call.scope, { imageId, attribute: 'launchPermission' });
    dryRun(input);
  }
  if (input.DeleteAssociatedSnapshots !== true) {
    await call.ports.ec2.deregisterImage(call.scope, { imageId });
    return { Return: true };
  }
  const { images } = await call.ports.ec2.describeImages(call.scope, { imageIds: [imageId], includeDeprecated: true, includeDisabled: true });
  await call.ports.ec2.deregisterImage(call.scope, { imageId });
  const snapshotIds = (images[0]?.blockDeviceMappings ?? []).map((b) => b.ebs.snapshotId);
  const DeleteSnapshotResults = [];
  for (const SnapshotId of snapshotIds) {
    try {
      await call.ports.ec2.deleteSnapshot(call.scope, { snapshotId: SnapshotId });
      DeleteSnapshotResults.push({ SnapshotId, ReturnCode: 'success' });
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      // EC2 reports each snapshot's outcome; a denied DeleteSnapshot is missing-permissions.
      const ReturnCode =
        e.code === 'UnauthorizedOperation'
          ? 'missing-permissions'
          : e.retryable
            ? 'internal-error'
            : e.code.startsWith('InvalidSnapshot')
              ? 'skipped'
              : 'client-error';
      DeleteSnapshotResults.push({ SnapshotId, ReturnCode });
    }
  }
  return { Return: true, DeleteSnapshotResults };
};
