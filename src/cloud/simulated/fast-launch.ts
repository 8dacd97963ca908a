// Windows fast launch state, derived from the clock like every other state in the world:
// `enabling` → `enabled` after fastLaunchMs; after DisableFastLaunch `disabling` for fastLaunchMs,
// then off (the image no longer appears in DescribeFastLaunchImages).
import { dryRunOperation, type CloudScope, type FastLaunchState } from '../ports.js';
import { enter, fail, type Sim } from './sim.js';
import { ownedAmi } from './amis.js';
import type { FastLaunchRec, AmiRec } from './records.js';

export type FastLaunchCode = 'enabling' | 'enabled' | 'disabling';

/** The current state, or null when fast launch is off (never enabled, or fully disabled). */
export function fastLaunchCode(fl: FastLaunchRec | null, now: number): FastLaunchCode | null {
  if (!fl) return null;
  if (fl.goneAt !== undefined) return now < fl.goneAt ? 'disabling' : null;
  return now >= fl.readyAt ? 'enabled' : 'enabling';
}

/** The port/wire view of an image whose fast launch is not off. */
export function fastLaunchView(sim: Sim, img: AmiRec): FastLaunchState {
  const fl = img.fastLaunch!;
  return {
    imageId: img.imageId,
    state: fastLaunchCode(fl, sim.clock.now()) ?? 'disabled',
    resourceType: 'snapshot',
    snapshotConfiguration: { targetResourceCount: fl.targetResourceCount },
    ...(fl.launchTemplate ? { launchTemplate: fl.launchTemplate } : {}),
    maxParallelLaunches: fl.maxParallelLaunches,
    ownerId: img.accountId,
  };
}

/**
 * EC2 DisableFastLaunch on an AMI the caller owns. Not a port operation (the engine never
 * disables fast launch); the wire API calls it. An image whose fast launch is off, or already
 * disabling, answers InvalidParameterValue (AWS's code for this case is not documented).
 */
export function disableFastLaunch(sim: Sim, scope: CloudScope, input: { imageId: string; dryRun?: boolean }): FastLaunchState {
  const ctx = enter(sim, 'ec2', 'DisableFastLaunch', scope, input);
  const img = ownedAmi(sim, ctx, input.imageId);
  const now = sim.clock.now();
  const code = fastLaunchCode(img.fastLaunch, now);
  if (code === null || code === 'disabling') {
    throw fail(
      'ec2',
      'InvalidParameterValue',
      `Fast launch is not enabled for image ${img.imageId}${code === 'disabling' ? ' (it is already being disabled)' : ''}.`,
    );
  }
  if (input.dryRun) throw dryRunOperation();
  const next: AmiRec = { ...img, fastLaunch: { ...img.fastLaunch!, disabledAt: now, goneAt: now + sim.config.timings.fastLaunchMs } };
  sim.state.putAmi(next);
  // The answer is the state right after the call: `disabling`, even with zero timings.
  return { ...fastLaunchView(sim, next), state: 'disabling' };
}
