// EC2 GetImageBlockPublicAccessState: whether public AMI sharing is blocked in this account and Region.
import type { WorldHandler } from '../world-call.js';
import { dryRun } from './views.js';

export const GetImageBlockPublicAccessState: WorldHandler = async (input, call) => {
  const { imageBlockPublicAccessState } = await call.ports.ec2.getImageBlockPublicAccessState(call.scope);
  dryRun(input);
  return { ImageBlockPublicAccessState: imageBlockPublicAccessState, ManagedBy: 'account' };
};
