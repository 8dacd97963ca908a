// EC2 DeleteSnapshot: deletes the snapshot behind an AMI the caller owns, once the AMI is
// deregistered (the lifecycle port: InvalidSnapshot.InUse before, InvalidSnapshot.NotFound after).
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const DeleteSnapshot: WorldHandler = async (input, call) => {
  dryRun(input);
  await call.ports.ec2.deleteSnapshot(call.scope, { snapshotId: input.SnapshotId as string });
  return {};
};
