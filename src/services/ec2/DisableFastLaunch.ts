// EC2 DisableFastLaunch: turns Windows fast launch off for an AMI the caller owns; the answer
// says `disabling`, and the image leaves DescribeFastLaunchImages fastLaunchMs later.
import { disableFastLaunch } from '../../cloud/simulated/fast-launch.js';
import type { WorldHandler } from '../world-call.js';
import { wireFastLaunch } from './fast-launch.js';

export const DisableFastLaunch: WorldHandler = (input, call) => {
  // `Force` only overrides clean-up errors on AWS; the world's clean-up cannot fail.
  const state = disableFastLaunch(call.sim, call.scope, { imageId: input.ImageId as string, ...(input.DryRun === true ? { dryRun: true } : {}) });
  return { ...wireFastLaunch(state), StateTransitionTime: new Date(call.sim.clock.now()) };
};
