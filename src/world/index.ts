// The world's public surface for server start-up, the CLI and tests.
export { openWorld, World, type OpenWorldOptions } from './world.js';
export { loadWorldFile, parseWorldText } from './loader.js';
export { WorldFileError, type WorldIssue } from './errors.js';
export { starterWorld, starterImageId, STARTER } from './starter.js';
export type { WorldSnapshot, SnapshotFilter, SnapshotImage } from './snapshot.js';
export { COMMERCIAL_REGIONS, CROSS_ACCOUNT_ROLE } from './spec.js';
export { TIMING_KEYS, ZERO_TIMINGS } from '../cloud/simulated/timings.js';
export type { Timings } from '../cloud/simulated/timings.js';
export type { WorldSpec, AccountSpec, OrganizationSpec, UnitSpec, ImageSpec } from './spec.js';
export type { FaultRule, ActiveFault } from '../cloud/simulated/faults.js';
