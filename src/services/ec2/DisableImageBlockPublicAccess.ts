// EC2 DisableImageBlockPublicAccess: allows public sharing of AMIs again in this account and Region.
import type { WorldHandler } from '../world-call.js';
import { setBlockPublicAccess } from './block-public-access.js';
import { dryRun } from './views.js';

export const DisableImageBlockPublicAccess: WorldHandler = async (input, call) => {
  dryRun(input);
  setBlockPublicAccess(call, 'DisableImageBlockPublicAccess', false);
  return { ImageBlockPublicAccessState: 'unblocked' };
};
