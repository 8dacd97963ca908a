// The world snapshot served by `GET /_ibex/world`: the whole state, with the field names
// docs/world.md fixes, optionally narrowed to one account and/or Region.
import type { WorldConfig } from '../cloud/simulated/sim.js';
import type { ActiveFault } from '../cloud/simulated/faults.js';
import { imageState, snapshotIdOf } from '../cloud/simulated/amis.js';
import { fastLaunchCode, type FastLaunchCode } from '../cloud/simulated/fast-launch.js';
import { ecrRepositoryUri } from '../cloud/simulated/arns.js';
import type {
  AccountRec,
  AmiRec,
  BucketRec,
  ExportTaskRec,
  KeyRec,
  LaunchTemplateRec,
  LicenseConfigRec,
  ObjectRec,
  OrgRec,
  ParamRec,
  RepoRec,
  UnitRec,
} from '../cloud/simulated/records.js';
import type { WorldState } from '../cloud/simulated/state.js';
import type { Timings } from '../cloud/simulated/timings.js';

export interface SnapshotImage {
  imageId: string;
  accountId: string;
  region: string;
  name: string;
  description: string | null;
  state: 'pending' | 'available' | 'failed' | 'deregistered' | 'disabled';
  /** When the AMI is (or becomes) deprecated; null when never. */
  deprecationTime: string | null;
  /** The AMI's snapshot and whether it still exists (a deregistered AMI's may be deleted). */
  snapshot: { snapshotId: string; state: 'completed' | 'deleted' };
  platform: 'Linux' | 'Windows';
  tags: Record<string, string>;
  encrypted: boolean;
  kmsKeyId: string | null;
  sourceImageId: string | null;
  sourceRegion: string | null;
  creationDate: string;
  launchPermissions: { userIds: string[]; userGroups: string[]; organizationArns: string[]; organizationalUnitArns: string[] };
  licenseConfigurationArns: string[];
  fastLaunch: null | {
    state: FastLaunchCode;
    targetResourceCount: number;
    maxParallelLaunches: number;
    launchTemplate: { launchTemplateId?: string; launchTemplateName?: string; version: string } | null;
  };
}

/** `GET /_ibex/world`. */
export interface WorldSnapshot {
  defaultAccountId: string;
  regions: string[];
  timings: Timings;
  faults: ActiveFault[];
  accounts: {
    id: string;
    name: string;
    disabledRegions: string[];
    imageBlockPublicAccess: string[];
    amazonManaged: boolean;
    roles: { name: string; trustedAccounts: string[]; trustedServices: string[]; permissions: string[] }[];
  }[];
  organizations: { id: string; managementAccountId: string; accounts: string[]; units: UnitRec[] }[];
  images: SnapshotImage[];
  launchTemplates: {
    launchTemplateId: string;
    accountId: string;
    region: string;
    name: string;
    defaultVersion: number;
    latestVersion: number;
    versions: { versionNumber: number; imageId: string | null }[];
    tags: Record<string, string>;
  }[];
  ecrRepositories: {
    accountId: string;
    region: string;
    repositoryName: string;
    repositoryUri: string;
    images: { imageDigest: string; imageTags: string[] }[];
  }[];
  s3Buckets: { name: string; accountId: string; region: string }[];
  s3Objects: { bucket: string; key: string; accountId: string; region: string; size: number }[];
  ssmParameters: { accountId: string; region: string; name: string; value: string; dataType: string; version: number }[];
  exportTasks: {
    exportImageTaskId: string;
    accountId: string;
    region: string;
    imageId: string;
    status: 'active' | 'completed';
    s3Bucket: string;
    s3Prefix: string | null;
    diskImageFormat: string;
  }[];
  kmsKeys: { accountId: string; region: string; keyId: string; arn: string; allowAccounts: string[]; aliases: string[] }[];
  licenseConfigurations: { accountId: string; region: string; arn: string; name: string }[];
}

/** Narrowing for the snapshot. */
export interface SnapshotFilter {
  accountId?: string;
  region?: string;
}

export function imageView(rec: AmiRec, now: number): SnapshotImage {
  const fl = rec.fastLaunch;
  const flState = fastLaunchCode(fl, now);
  return {
    imageId: rec.imageId,
    accountId: rec.accountId,
    region: rec.region,
    name: rec.name,
    description: rec.description ?? null,
    state: imageState(rec, now),
    deprecationTime: rec.deprecateAt !== undefined ? new Date(rec.deprecateAt).toISOString() : null,
    snapshot: { snapshotId: snapshotIdOf(rec.imageId), state: rec.snapshotDeletedAt !== undefined ? 'deleted' : 'completed' },
    platform: rec.platform,
    tags: { ...rec.tags },
    encrypted: rec.encrypted,
    kmsKeyId: rec.kmsKeyId ?? null,
    sourceImageId: rec.sourceImageId ?? null,
    sourceRegion: rec.sourceRegion ?? null,
    creationDate: new Date(rec.createdAt).toISOString(),
    launchPermissions: structuredClone(rec.launchPermissions),
    licenseConfigurationArns: [...rec.licenseConfigurationArns],
    fastLaunch:
      fl && flState
        ? { state: flState, targetResourceCount: fl.targetResourceCount, maxParallelLaunches: fl.maxParallelLaunches, launchTemplate: fl.launchTemplate }
        : null,
  };
}

type Section<K extends keyof WorldSnapshot> = WorldSnapshot[K] extends (infer T)[] ? T : never;

/** The views of one record in each section (shared by the snapshot, its stream and its pages). */
export const accountView = (a: AccountRec): Section<'accounts'> => ({
  id: a.accountId,
  name: a.name,
  disabledRegions: [...a.disabledRegions],
  imageBlockPublicAccess: [...a.imageBlockPublicAccess],
  amazonManaged: a.amazonManaged,
  roles: structuredClone(a.roles),
});
export const orgView = (o: OrgRec): Section<'organizations'> => ({
  id: o.id,
  managementAccountId: o.managementAccountId,
  accounts: [...o.accounts],
  units: structuredClone(o.units),
});
export const templateView = (t: LaunchTemplateRec): Section<'launchTemplates'> => ({
  launchTemplateId: t.launchTemplateId,
  accountId: t.accountId,
  region: t.region,
  name: t.name,
  defaultVersion: t.defaultVersion,
  latestVersion: t.latestVersion,
  versions: t.versions.map((v) => ({ versionNumber: v.versionNumber, imageId: v.imageId ?? null })),
  tags: { ...t.tags },
});
export const repoView = (r: RepoRec): Section<'ecrRepositories'> => ({
  accountId: r.accountId,
  region: r.region,
  repositoryName: r.repositoryName,
  repositoryUri: ecrRepositoryUri(r.region, r.accountId, r.repositoryName),
  images: r.images.map((i) => ({ imageDigest: i.imageDigest, imageTags: [...i.imageTags] })),
});
export const bucketView = (b: BucketRec): Section<'s3Buckets'> => ({ name: b.name, accountId: b.accountId, region: b.region });
export const objectView = (o: ObjectRec): Section<'s3Objects'> => ({
  bucket: o.bucket,
  key: o.key,
  accountId: o.accountId,
  region: o.region,
  size: o.size,
});
export const paramView = (p: ParamRec): Section<'ssmParameters'> => ({
  accountId: p.accountId,
  region: p.region,
  name: p.name,
  value: p.value,
  dataType: p.dataType,
  version: p.version,
});
export const exportView = (t: ExportTaskRec, now: number): Section<'exportTasks'> => ({
  exportImageTaskId: t.exportImageTaskId,
  accountId: t.accountId,
  region: t.region,
  imageId: t.imageId,
  status: t.completed || t.completeAt <= now ? ('completed' as const) : ('active' as const),
  s3Bucket: t.s3Bucket,
  s3Prefix: t.s3Prefix ?? null,
  diskImageFormat: t.diskImageFormat,
});
export const keyView = (k: KeyRec): Section<'kmsKeys'> => ({
  accountId: k.accountId,
  region: k.region,
  keyId: k.keyId,
  arn: k.arn,
  allowAccounts: [...k.allowAccounts],
  aliases: [...k.aliases],
});
export const licenseView = (l: LicenseConfigRec): Section<'licenseConfigurations'> => ({ accountId: l.accountId, region: l.region, arn: l.arn, name: l.name });

/** Sorts by a string key computed once per record (byte order, as the snapshot has always been). */
function sortedBy<T>(items: Iterable<T>, key: (x: T) => string): T[] {
  const keyed = [...items].map((r) => [key(r), r] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map((x) => x[1]);
}

/** The images in the snapshot's order (account, Region, creation, id), one owner group at a time. */
function* images(state: WorldState, config: WorldConfig, filter: SnapshotFilter, now: number): Generator<SnapshotImage> {
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

type HeadName = 'defaultAccountId' | 'regions' | 'timings' | 'faults';
/** The record lists of a snapshot, each produced only when asked for, in the snapshot's order. */
export type SnapshotSections = { [K in Exclude<keyof WorldSnapshot, HeadName>]: () => Iterable<Section<K>> };

/** The snapshot's fields before its record lists. */
export function snapshotHead(config: WorldConfig, faults: ActiveFault[]): Pick<WorldSnapshot, HeadName> {
  return { defaultAccountId: config.defaultAccountId, regions: [...config.regions], timings: { ...config.timings }, faults };
}

/**
 * Each record list of the snapshot under `filter` (the one definition of what the snapshot holds
 * and in which order, shared by the whole snapshot and its stream, snapshot-stream.ts).
 */
export function snapshotSections(state: WorldState, config: WorldConfig, filter: SnapshotFilter, now: number): SnapshotSections {
  const inScope = (r: { accountId: string; region: string }): boolean =>
    (!filter.accountId || r.accountId === filter.accountId) && (!filter.region || r.region === filter.region);
  const filtered = <T extends { accountId: string; region: string }>(m: Iterable<T>): T[] => [...m].filter(inScope);
  return {
    accounts: () =>
      sortedBy(
        [...state.accounts.values()].filter((a) => !filter.accountId || a.accountId === filter.accountId),
        (a) => a.accountId,
      ).map(accountView),
    organizations: () => [...state.orgs.values()].filter((o) => !filter.accountId || state.membership.get(filter.accountId)?.orgId === o.id).map(orgView),
    images: () => images(state, config, filter, now),
    launchTemplates: () => sortedBy(filtered(state.launchTemplates.values()), (t) => `${t.accountId}|${t.region}|${t.launchTemplateId}`).map(templateView),
    ecrRepositories: () => sortedBy(filtered(state.repos.values()), (r) => `${r.accountId}|${r.region}|${r.repositoryName}`).map(repoView),
    s3Buckets: () => sortedBy(filtered(state.buckets.values()), (b) => b.name).map(bucketView),
    s3Objects: () => sortedBy(filtered([...state.objects.values()].flatMap((m) => [...m.values()])), (o) => `${o.bucket}/${o.key}`).map(objectView),
    ssmParameters: () => sortedBy(filtered(state.params.values()), (p) => `${p.accountId}|${p.region}|${p.name}`).map(paramView),
    exportTasks: () => filtered(state.exportTasks.values()).map((t) => exportView(t, now)),
    kmsKeys: () => filtered(state.keys.values()).map(keyView),
    licenseConfigurations: () => filtered(state.licenseConfigs.values()).map(licenseView),
  };
}

/** Builds the snapshot (settling due work first, so it shows the state at the clock's now). */
export function buildSnapshot(state: WorldState, config: WorldConfig, faults: ActiveFault[], filter: SnapshotFilter = {}): WorldSnapshot {
  state.settle();
  const sections = snapshotSections(state, config, filter, state.clock.now());
  return {
    ...snapshotHead(config, faults),
    accounts: [...sections.accounts()],
    organizations: [...sections.organizations()],
    images: [...sections.images()],
    launchTemplates: [...sections.launchTemplates()],
    ecrRepositories: [...sections.ecrRepositories()],
    s3Buckets: [...sections.s3Buckets()],
    s3Objects: [...sections.s3Objects()],
    ssmParameters: [...sections.ssmParameters()],
    exportTasks: [...sections.exportTasks()],
    kmsKeys: [...sections.kmsKeys()],
    licenseConfigurations: [...sections.licenseConfigurations()],
  };
}
