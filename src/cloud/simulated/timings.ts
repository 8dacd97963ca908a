// How long simulated work takes: the simulation's own setting, which world files and the admin
// API set (src/world/ reads them in; the simulated cloud must not depend on the world's loader).

/** How long simulated work takes, in milliseconds. All may be zero for tests. */
export interface Timings {
  copyImageMs: number;
  buildMs: number;
  testMs: number;
  exportImageMs: number;
  pushContainerMs: number;
  /** ibex extension: how long fast launch stays `enabling`. */
  fastLaunchMs: number;
}

export const TIMING_KEYS = ['copyImageMs', 'buildMs', 'testMs', 'exportImageMs', 'pushContainerMs', 'fastLaunchMs'] as const;

/** Zero timings: the default for a world file that names none. */
/** The longest any simulated operation may take (one day): a bound, so work always finishes. */
export const MAX_TIMING_MS = 86_400_000;

export const ZERO_TIMINGS: Timings = { copyImageMs: 0, buildMs: 0, testMs: 0, exportImageMs: 0, pushContainerMs: 0, fastLaunchMs: 0 };
