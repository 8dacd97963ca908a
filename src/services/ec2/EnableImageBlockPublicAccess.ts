// EC2 EnableImageBlockPublicAccess: blocks new public sharing of AMIs in this account and Region.
import type { WorldHandler } from '../world-call.js';
import { setBlockPublicAccess } from './block-public-access.js';
import { dryRun } from './views.js';

export const EnableImageBlockPublicAccess: WorldHandler = async (input, call) => {
  dryRun(input);
  setBlockPublicAccess(call, 'EnableImageBlockPublicAccess', true);
  return { ImageBlockPublicAccessState: 'block-new-sharing' };
};
