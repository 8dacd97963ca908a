// The whole world snapshot as JSON text, piece by piece: the same bytes as
// `JSON.stringify(buildSnapshot(…))`, but produced lazily, one record at a time, so the server can
// write it in chunks and answer other requests between them (a world of 100,000 AMIs is ~16 MB).
// AMIs are sorted one (account, Region) group at a time, so no step sorts the whole world.
import type { ActiveFault } from '../cloud/simulated/faults.js';
import type { AmiRec } from '../cloud/simulated/records.js';
import type { WorldConfig } from '../cloud/simulated/sim.js';
import type { WorldState } from '../cloud/simulated/state.js';
import {
  accountView,
  bucketView,
  exportView,
  imageView,
  keyView,
  licenseView,
  objectView,
  orgView,
  paramView,
  repoView,
  templateView,
  type SnapshotFilter,
  type WorldSnapshot,
} from './snapshot.js';

type Scoped = { accountId: string; region: string };

/** Sorts by a string key computed once per record (the snapshot's `byKey` order). */
function sortedBy<T>(items: Iterable<T>, key: (x: T) => string): T[] {
  const keyed = [...items].map((r) => [key(r), r] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map((x) => x[1]);
}

/** The snapshot's images, in its order (account, Region, creation, id), one owner group at a time. */
function* images(state: WorldState, config: WorldConfig, filter: SnapshotFilter, now: number): Generator<unknown> {
  const groups: { accountId: string; region: string; key: string }[] = [];
  for (const key of state.amisByOwner.keys()) {
    const [accountId, region] = key.split('|') as [string, string];
    if (filter.accountId && (accountId !== filter.accountId || !config.regions.has(region))) continue;
    if (filter.region && region !== filter.region) continue;
    groups.push({ accountId, region, key });
  }
  groups.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region));
  for (const g of groups) {
    const recs: AmiRec[] = [];
    for (const id of state.amisByOwner.get(g.key) ?? []) {
      const rec = state.amis.get(id);
      if (rec) recs.push(rec);
    }
    recs.sort((a, b) => a.createdAt - b.createdAt || a.imageId.localeCompare(b.imageId));
    for (const r of recs) yield imageView(r, now);
  }
}

/**
 * The pieces of `GET /_ibex/world`'s JSON, in order; concatenated they are exactly the JSON of
 * `buildSnapshot(state, config, faults, filter)` at the moment each record is reached (a record
 * changed while the text is being written shows its newer state; each record appears once).
 */
export function* snapshotJson(state: WorldState, config: WorldConfig, faults: ActiveFault[], filter: SnapshotFilter = {}): Generator<string> {
  state.settle();
  const now = state.clock.now();
  const inScope = (r: Scoped): boolean => (!filter.accountId || r.accountId === filter.accountId) && (!filter.region || r.region === filter.region);
  const head: Pick<WorldSnapshot, 'defaultAccountId' | 'regions' | 'timings' | 'faults'> = {
    defaultAccountId: config.defaultAccountId,
    regions: [...config.regions],
    timings: { ...config.timings },
    faults,
  };
  const filtered = <T extends Scoped>(m: Iterable<T>): T[] => [...m].filter(inScope);
  // Each section is produced only when the writer reaches it.
  const sections: [keyof WorldSnapshot, () => Iterable<unknown>][] = [
    [
      'accounts',
      () =>
        sortedBy(
          [...state.accounts.values()].filter((a) => !filter.accountId || a.accountId === filter.accountId),
          (a) => a.accountId,
        ).map(accountView),
    ],
    ['organizations', () => [...state.orgs.values()].filter((o) => !filter.accountId || state.membership.get(filter.accountId)?.orgId === o.id).map(orgView)],
    ['images', () => images(state, config, filter, now)],
    ['launchTemplates', () => sortedBy(filtered(state.launchTemplates.values()), (t) => `${t.accountId}|${t.region}|${t.launchTemplateId}`).map(templateView)],
    ['ecrRepositories', () => sortedBy(filtered(state.repos.values()), (r) => `${r.accountId}|${r.region}|${r.repositoryName}`).map(repoView)],
    ['s3Buckets', () => sortedBy(filtered(state.buckets.values()), (b) => b.name).map(bucketView)],
    ['s3Objects', () => sortedBy(filtered([...state.objects.values()].flatMap((m) => [...m.values()])), (o) => `${o.bucket}/${o.key}`).map(objectView)],
    ['ssmParameters', () => sortedBy(filtered(state.params.values()), (p) => `${p.accountId}|${p.region}|${p.name}`).map(paramView)],
    ['exportTasks', () => filtered(state.exportTasks.values()).map((t) => exportView(t, now))],
    ['kmsKeys', () => filtered(state.keys.values()).map(keyView)],
    ['licenseConfigurations', () => filtered(state.licenseConfigs.values()).map(licenseView)],
  ];
  yield JSON.stringify(head).slice(0, -1);
  for (const [name, items] of sections) {
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
