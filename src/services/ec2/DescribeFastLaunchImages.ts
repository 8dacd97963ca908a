// EC2 DescribeFastLaunchImages: fast-launch states of the caller's AMIs.
import type { WorldHandler } from '../world-call.js';
import { wireFastLaunch } from './fast-launch.js';
import { dryRun, page } from './views.js';

export const DescribeFastLaunchImages: WorldHandler = async (input, call) => {
  const ids = input.ImageIds as string[] | undefined;
  const { fastLaunchImages } = await call.ports.ec2.describeFastLaunchImages(call.scope, ids?.length ? { imageIds: ids } : {});
  dryRun(input);
  const p = page(fastLaunchImages, input, { min: 0, max: 200 });
  return { FastLaunchImages: p.items.map(wireFastLaunch), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
