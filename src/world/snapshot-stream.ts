// The whole world snapshot as JSON text, piece by piece: the same bytes as
// `JSON.stringify(buildSnapshot(…))`, but produced lazily, one record at a time, so the server can
// write it in chunks and answer other requests between them (a world of 100,000 AMIs is ~16 MB).
// The sections and their order are the snapshot's own (snapshotSections).
import type { ActiveFault } from '../cloud/simulated/faults.js';
import type { WorldConfig } from '../cloud/simulated/sim.js';
import type { WorldState } from '../cloud/simulated/state.js';
import { snapshotHead, snapshotSections, type SnapshotFilter } from './snapshot.js';

/**
 * The pieces of `GET /_ibex/world`'s JSON, in order; concatenated they are exactly the JSON of
 * `buildSnapshot(state, config, faults, filter)` at the moment each record is reached (a record
 * changed while the text is being written shows its newer state; each record appears once).
 */
export function* snapshotJson(state: WorldState, config: WorldConfig, faults: ActiveFault[], filter: SnapshotFilter = {}): Generator<string> {
  state.settle();
  const sections = snapshotSections(state, config, filter, state.clock.now());
  yield JSON.stringify(snapshotHead(config, faults)).slice(0, -1);
  // Each section is produced only when the writer reaches it.
  for (const [name, items] of Object.entries(sections) as [string, () => Iterable<unknown>][]) {
    yield `,${JSON.stringify(name)}:[`;
    let first = true;
    for (const v of items()) {
      yield first ? JSON.stringify(v) : `,${JSON.stringify(v)}`;
      first = false;
    }
    yield ']';
  }
  yield '}';
}
