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

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Builds the snapshot (settling due work first, so it shows the state at the clock's now). */
export function buildSnapshot(state: WorldState, config: WorldConfig, faults: ActiveFault[], filter: SnapshotFilter = {}): WorldSnapshot {
  state.settle();
  const now = state.clock.now();
  const inScope = (r: { accountId: string; region: string }): boolean =>
    (!filter.accountId || r.accountId === filter.accountId) && (!filter.region || r.region === filter.region);

  let amiRecs: AmiRec[];
  if (filter.accountId) {
    const regions = filter.region ? [filter.region] : [...config.regions];
    amiRecs = regions.flatMap((r) => [...state.ownedAmiIds(filter.accountId!, r)].map((id) => state.amis.get(id)!));
  } else {
    amiRecs = [...state.amis.values()].filter(inScope);
  }
  amiRecs.sort(
    (a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.createdAt - b.createdAt || a.imageId.localeCompare(b.imageId),
  );

  const orgs: OrgRec[] = [...state.orgs.values()].filter((o) => !filter.accountId || state.membership.get(filter.accountId)?.orgId === o.id);
  return {
    defaultAccountId: config.defaultAccountId,
    regions: [...config.regions],
    timings: { ...config.timings },
    faults,
    accounts: [...state.accounts.values()]
      .filter((a) => !filter.accountId || a.accountId === filter.accountId)
      .sort(byKey((a) => a.accountId))
      .map(accountView),
    organizations: orgs.map(orgView),
    images: amiRecs.map((r) => imageView(r, now)),
    launchTemplates: [...state.launchTemplates.values()]
      .filter(inScope)
      .sort(byKey((t) => `${t.accountId}|${t.region}|${t.launchTemplateId}`))
      .map(templateView),
    ecrRepositories: [...state.repos.values()]
      .filter(inScope)
      .sort(byKey((r) => `${r.accountId}|${r.region}|${r.repositoryName}`))
      .map(repoView),
    s3Buckets: [...state.buckets.values()]
      .filter(inScope)
      .sort(byKey((b) => b.name))
      .map(bucketView),
    s3Objects: [...state.objects.values()]
      .flatMap((m) => [...m.values()])
      .filter(inScope)
      .sort(byKey((o) => `${o.bucket}/${o.key}`))
      .map(objectView),
    ssmParameters: [...state.params.values()]
      .filter(inScope)
      .sort(byKey((p) => `${p.accountId}|${p.region}|${p.name}`))
      .map(paramView),
    exportTasks: [...state.exportTasks.values()].filter(inScope).map((t) => exportView(t, now)),
    kmsKeys: [...state.keys.values()].filter(inScope).map(keyView),
    licenseConfigurations: [...state.licenseConfigs.values()].filter(inScope).map(licenseView),
  };
}
