// The world's in-memory state: records by key plus the indexes that keep every lookup
// independent of the world's size (by account+Region, by id, by sharing principal). Every change is
// written through to SQLite by the same method that makes it.
import type { Clock } from '../../domain/clock.js';
import { orgArn, ouArn } from './arns.js';
import type {
  AccountRec,
  BucketRec,
  ExportTaskRec,
  AmiRec,
  KeyRec,
  Kind,
  LaunchPermissionEntryRec,
  LaunchPermissionType,
  LaunchPermissionsRec,
  LaunchTemplateRec,
  LicenseConfigRec,
  ObjectRec,
  OrgRec,
  ParamRec,
  RepoRec,
  TokenRec,
  UnitRec,
} from './records.js';
import type { WorldRows } from './world-rows.js';

/** Precomputed organization membership of one account. */
export interface Membership {
  orgId: string;
  orgArn: string;
  managementAccountId: string;
  /** ARNs of every OU that contains the account, at any depth. */
  ouArns: string[];
}

const k2 = (a: string, b: string): string => `${a}|${b}`;
const k3 = (a: string, b: string, c: string): string => `${a}|${b}|${c}`;

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}
function removeFrom<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (s && s.delete(v) && s.size === 0) m.delete(k);
}

/** Adds an id under region → name: a string for the first, a Set from the second. */
function addNamed(m: Map<string, Map<string, string | Set<string>>>, region: string, name: string, id: string): void {
  let names = m.get(region);
  if (!names) m.set(region, (names = new Map()));
  const ids = names.get(name);
  if (ids === undefined || ids === id) names.set(name, id);
  else if (typeof ids === 'string') names.set(name, new Set([ids, id]));
  else ids.add(id);
}
function removeNamed(m: Map<string, Map<string, string | Set<string>>>, region: string, name: string, id: string): void {
  const names = m.get(region);
  const ids = names?.get(name);
  if (!names || ids === undefined) return;
  if (ids === id) names.delete(name);
  else if (typeof ids !== 'string' && ids.delete(id) && ids.size === 1) names.set(name, ids.values().next().value!);
  if (names.size === 0) m.delete(region);
}

/**
 * One copy of each distinct string, for a load: JSON.parse makes a new string for every value,
 * and an AMI's account, Region, name, source, description and tags repeat across thousands of
 * AMIs (every copy of one build has the same). Dropped after the load; the records keep the strings.
 */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const had = seen.get(s);
    if (had !== undefined) return had;
    seen.set(s, s);
    return s;
  };
}

function internAmi(rec: AmiRec, intern: (s: string) => string): AmiRec {
  rec.accountId = intern(rec.accountId);
  rec.region = intern(rec.region);
  rec.name = intern(rec.name);
  rec.platform = intern(rec.platform) as AmiRec['platform'];
  if (rec.description !== undefined) rec.description = intern(rec.description);
  if (rec.sourceImageId !== undefined) rec.sourceImageId = intern(rec.sourceImageId);
  if (rec.sourceRegion !== undefined) rec.sourceRegion = intern(rec.sourceRegion);
  if (rec.kmsKeyId !== undefined) rec.kmsKeyId = intern(rec.kmsKeyId);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec.tags)) tags[intern(k)] = intern(v);
  rec.tags = tags;
  rec.licenseConfigurationArns = rec.licenseConfigurationArns.map(intern);
  return rec;
}

/** The list of `AmiRec.launchPermissions` that holds each type of entry. */
const LP_LIST = {
  userId: 'userIds',
  group: 'userGroups',
  organizationArn: 'organizationArns',
  organizationalUnitArn: 'organizationalUnitArns',
} as const satisfies Record<LaunchPermissionType, keyof LaunchPermissionsRec>;

/**
 * The launch permissions of every image that has none, shared (frozen: a stray push throws
 * instead of sharing the image with everyone's images). A grant gives the image its own lists.
 * Most AMIs — every copy a distribution makes in a target account — have none: ~90 bytes each.
 */
const NO_LAUNCH_PERMISSIONS = Object.freeze({
  userIds: Object.freeze([]),
  userGroups: Object.freeze([]),
  organizationArns: Object.freeze([]),
  organizationalUnitArns: Object.freeze([]),
}) as unknown as LaunchPermissionsRec;

const hasNone = (lp: LaunchPermissionsRec): boolean =>
  lp.userIds.length === 0 && lp.userGroups.length === 0 && lp.organizationArns.length === 0 && lp.organizationalUnitArns.length === 0;

const lpRowId = (imageId: string, type: LaunchPermissionType, value: string): string => `${imageId}|${type}|${value}`;

/** All world records and indexes. Methods named `put*` persist as well as index. */
export class WorldState {
  accounts = new Map<string, AccountRec>();
  orgs = new Map<string, OrgRec>();
  membership = new Map<string, Membership>();
  /** OU id → its org and ARN, and its direct accounts (for Organizations calls). */
  units = new Map<string, { orgId: string; arn: string; name: string; parentId: string }>();

  amis = new Map<string, AmiRec>();
  amisByOwner = new Map<string, Set<string>>(); // acct|region
  /**
   * acct|region → name → the live image id. Nested so that no key string is made per image (the
   * name is the record's own string): ~60 bytes less per AMI than one `acct|region|name` key.
   */
  private imageNames = new Map<string, Map<string, string>>();
  /**
   * Region → name → every image of that name, any account (DescribeImages' `name` filter): one id
   * as a string, a Set from the second on — most names belong to one image per Region and account,
   * and a Set per image would cost ~100 bytes.
   */
  private amisNamed = new Map<string, Map<string, string | Set<string>>>();
  sharedWithAccount = new Map<string, Set<string>>(); // region|acct
  sharedWithPrincipal = new Map<string, Set<string>>(); // region|org-or-ou-arn
  publicAmis = new Map<string, Set<string>>(); // region
  pendingCopies = new Map<string, Set<string>>(); // acct|region

  keys = new Map<string, KeyRec>(); // acct|region|keyId
  keyAliases = new Map<string, string>(); // acct|region|alias → keyId
  launchTemplates = new Map<string, LaunchTemplateRec>(); // id
  repos = new Map<string, RepoRec>(); // acct|region|name
  buckets = new Map<string, BucketRec>(); // name (global)
  objects = new Map<string, Map<string, ObjectRec>>(); // bucket → key → object
  params = new Map<string, ParamRec>(); // acct|region|name
  exportTasks = new Map<string, ExportTaskRec>(); // id
  activeExports = new Set<string>();
  licenseConfigs = new Map<string, LicenseConfigRec>(); // arn
  // Client tokens are not mirrored here: they are read only when a request repeats one, and one
  // is written by nearly every copy, so they live in SQLite alone (repo.get) instead of growing
  // the process by two thirds of the world's records (bench/soak.ts).
  /** Orders launch-permission rows (their grant order survives a restart). */
  private lpSeq = 0;

  constructor(
    readonly repo: WorldRows,
    readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------ loading

  /** Rebuilds memory from the stored rows (start-up). */
  loadFromRows(): void {
    this.clearMemory();
    const grants: LaunchPermissionEntryRec[] = [];
    const legacy: AmiRec[] = [];
    const intern = interner();
    for (const row of this.repo.all()) {
      if (row.kind === 'launchPermission') {
        const g = row.body as LaunchPermissionEntryRec;
        g.value = intern(g.value);
        grants.push(g);
      } else if (row.kind === 'ami') {
        // Image rows written before launch permissions had rows of their own carry them inline.
        const rec = internAmi(row.body as AmiRec, intern);
        if (rec.launchPermissions) legacy.push(rec);
        else rec.launchPermissions = NO_LAUNCH_PERMISSIONS;
        this.putAmi(rec, false);
      } else this.index(row.kind, row.body, false);
    }
    grants.sort((a, b) => a.n - b.n);
    for (const g of grants) {
      const rec = this.amis.get(g.imageId);
      if (rec && !this.hasLaunchPermission(rec, g.type, g.value)) this.attachLaunchPermission(rec, g.type, g.value);
    }
    this.lpSeq = grants.length ? grants[grants.length - 1]!.n + 1 : 0;
    this.recomputeMembership();
    if (legacy.length) this.repo.tx(() => legacy.forEach((rec) => this.persistAmi(this.amis.get(rec.imageId)!, 'replace')));
  }

  clearMemory(): void {
    for (const m of [
      this.accounts,
      this.orgs,
      this.membership,
      this.units,
      this.amis,
      this.amisByOwner,
      this.imageNames,
      this.amisNamed,
      this.sharedWithAccount,
      this.sharedWithPrincipal,
      this.publicAmis,
      this.pendingCopies,
      this.keys,
      this.keyAliases,
      this.launchTemplates,
      this.repos,
      this.buckets,
      this.objects,
      this.params,
      this.exportTasks,
      this.licenseConfigs,
    ] as Map<unknown, unknown>[])
      m.clear();
    this.activeExports.clear();
  }

  private index(kind: Kind, body: unknown, persist: boolean): void {
    switch (kind) {
      case 'account':
        return this.putAccount(body as AccountRec, persist);
      case 'organization':
        return this.putOrg(body as OrgRec, persist);
      case 'ami':
        return this.putAmi(body as AmiRec, persist);
      case 'kmsKey':
        return this.putKey(body as KeyRec, persist);
      case 'launchTemplate':
        return this.putLaunchTemplate(body as LaunchTemplateRec, persist);
      case 'ecrRepository':
        return this.putRepo(body as RepoRec, persist);
      case 's3Bucket':
        return this.putBucket(body as BucketRec, persist);
      case 's3Object':
        return this.putObject(body as ObjectRec, persist);
      case 'ssmParameter':
        return this.putParam(body as ParamRec, persist);
      case 'exportTask':
        return this.putExportTask(body as ExportTaskRec, persist);
      case 'licenseConfiguration':
        return this.putLicenseConfig(body as LicenseConfigRec, persist);
      case 'token':
        return this.putToken(body as TokenRec, persist);
      case 'launchPermission':
        return; // applied by loadFromRows once every image is loaded
    }
  }

  // ------------------------------------------------------------ accounts and organizations

  putAccount(rec: AccountRec, persist = true): void {
    this.accounts.set(rec.accountId, rec);
    if (persist) this.repo.put('account', rec.accountId, '', rec.accountId, rec);
  }

  putOrg(rec: OrgRec, persist = true): void {
    this.orgs.set(rec.id, rec);
    if (persist) {
      this.repo.put('organization', rec.managementAccountId, '', rec.id, rec);
      this.recomputeMembership();
    }
  }

  /** Flattens every organization into per-account membership (OUs at any depth). */
  recomputeMembership(): void {
    this.membership.clear();
    this.units.clear();
    for (const org of this.orgs.values()) {
      const base = { orgId: org.id, orgArn: orgArn(org.managementAccountId, org.id), managementAccountId: org.managementAccountId };
      const rootMembers = new Set([org.managementAccountId, ...org.accounts]);
      for (const a of rootMembers) this.membership.set(a, { ...base, ouArns: [] });
      const walk = (units: UnitRec[], parents: string[], parentId: string): void => {
        for (const u of units) {
          const arn = ouArn(org.managementAccountId, org.id, u.id);
          this.units.set(u.id, { orgId: org.id, arn, name: u.name, parentId });
          const chain = [...parents, arn];
          for (const a of u.accounts) this.membership.set(a, { ...base, ouArns: chain });
          walk(u.units, chain, u.id);
        }
      };
      walk(org.units, [], `r-${org.id.slice(2, 6)}`);
    }
  }

  // ------------------------------------------------------------ images

  /**
   * Stores an image. Its launch permissions are indexed and written again only when the record
   * brings another `launchPermissions` object (or is deregistered): a tag, a state change or a
   * license on an AMI shared with 1,536 accounts costs the same as on an unshared one.
   */
  putAmi(rec: AmiRec, persist = true): void {
    const prev = this.amis.get(rec.imageId);
    const live = (r: AmiRec): boolean => r.deregisteredAt === undefined;
    const permsKept = prev !== undefined && prev.launchPermissions === rec.launchPermissions && live(prev) === live(rec);
    if (prev) this.unindexAmi(prev, !permsKept);
    if (rec.launchPermissions !== NO_LAUNCH_PERMISSIONS && hasNone(rec.launchPermissions)) rec.launchPermissions = NO_LAUNCH_PERMISSIONS;
    this.amis.set(rec.imageId, rec);
    this.indexAmi(rec, !permsKept);
    if (persist) this.persistAmi(rec, prev !== undefined && prev.launchPermissions !== rec.launchPermissions ? 'replace' : prev ? false : true);
  }

  /** Writes the image row (without its permissions) and, when asked, its permission rows. */
  private persistAmi(rec: AmiRec, perms: boolean | 'replace'): void {
    const { launchPermissions: lp, ...body } = rec;
    if (!perms) return this.repo.put('ami', rec.accountId, rec.region, rec.imageId, body);
    this.repo.tx(() => {
      this.repo.put('ami', rec.accountId, rec.region, rec.imageId, body);
      // A new image has no rows to delete; a replaced list (or a legacy inline one) does.
      if (perms === 'replace') this.repo.deleteRange('launchPermission', rec.accountId, rec.region, `${rec.imageId}|`, `${rec.imageId}}`);
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) {
        for (const value of lp[LP_LIST[type]]) this.persistLaunchPermission(rec, type, value);
      }
    });
  }

  private persistLaunchPermission(rec: AmiRec, type: LaunchPermissionType, value: string): void {
    const row: LaunchPermissionEntryRec = { imageId: rec.imageId, type, value, n: this.lpSeq++ };
    this.repo.put('launchPermission', rec.accountId, rec.region, lpRowId(rec.imageId, type, value), row);
  }

  /** True when the stored image carries the entry: O(1) for accounts (through the sharing index). */
  hasLaunchPermission(rec: AmiRec, type: LaunchPermissionType, value: string): boolean {
    if (type === 'userId' && rec.deregisteredAt === undefined && this.amis.get(rec.imageId) === rec) {
      return this.sharedWithAccount.get(k2(rec.region, value))?.has(rec.imageId) ?? false;
    }
    return rec.launchPermissions[LP_LIST[type]].includes(value);
  }

  /**
   * Grants one launch permission on a stored image: one list entry, one index entry, one row.
   * Returns false (and changes nothing) when the image already has it.
   */
  addLaunchPermission(imageId: string, type: LaunchPermissionType, value: string): boolean {
    const rec = this.amis.get(imageId);
    if (!rec) throw new Error(`no image ${imageId}`);
    if (this.hasLaunchPermission(rec, type, value)) return false;
    this.attachLaunchPermission(rec, type, value);
    this.persistLaunchPermission(rec, type, value);
    return true;
  }

  /** Revokes one launch permission; false when the image does not have it. */
  removeLaunchPermission(imageId: string, type: LaunchPermissionType, value: string): boolean {
    const rec = this.amis.get(imageId);
    if (!rec) throw new Error(`no image ${imageId}`);
    const list = rec.launchPermissions[LP_LIST[type]];
    const at = list.indexOf(value);
    if (at < 0) return false;
    list.splice(at, 1);
    if (rec.deregisteredAt === undefined) this.unindexPermission(rec, type, value);
    this.repo.delete('launchPermission', rec.accountId, rec.region, lpRowId(imageId, type, value));
    return true;
  }

  private attachLaunchPermission(rec: AmiRec, type: LaunchPermissionType, value: string): void {
    if (rec.launchPermissions === NO_LAUNCH_PERMISSIONS)
      rec.launchPermissions = { userIds: [], userGroups: [], organizationArns: [], organizationalUnitArns: [] };
    rec.launchPermissions[LP_LIST[type]].push(value);
    if (rec.deregisteredAt === undefined) this.indexPermission(rec, type, value);
  }

  private indexPermission(rec: AmiRec, type: LaunchPermissionType, value: string): void {
    if (type === 'userId') addTo(this.sharedWithAccount, k2(rec.region, value), rec.imageId);
    else if (type === 'group') addTo(this.publicAmis, rec.region, rec.imageId);
    else addTo(this.sharedWithPrincipal, k2(rec.region, value), rec.imageId);
  }

  private unindexPermission(rec: AmiRec, type: LaunchPermissionType, value: string): void {
    if (type === 'userId') removeFrom(this.sharedWithAccount, k2(rec.region, value), rec.imageId);
    else if (type === 'group') removeFrom(this.publicAmis, rec.region, rec.imageId);
    else removeFrom(this.sharedWithPrincipal, k2(rec.region, value), rec.imageId);
  }

  private indexAmi(rec: AmiRec, withPerms: boolean): void {
    addTo(this.amisByOwner, k2(rec.accountId, rec.region), rec.imageId);
    addNamed(this.amisNamed, rec.region, rec.name, rec.imageId);
    if (rec.deregisteredAt !== undefined) return;
    const owner = k2(rec.accountId, rec.region);
    let names = this.imageNames.get(owner);
    if (!names) this.imageNames.set(owner, (names = new Map()));
    names.set(rec.name, rec.imageId);
    if (withPerms) {
      const lp = rec.launchPermissions;
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) for (const v of lp[LP_LIST[type]]) this.indexPermission(rec, type, v);
    }
    if (rec.isCopy && rec.availableAt > this.clock.now() && !rec.failed) {
      addTo(this.pendingCopies, k2(rec.accountId, rec.region), rec.imageId);
    }
  }

  private unindexAmi(rec: AmiRec, withPerms: boolean): void {
    removeFrom(this.amisByOwner, k2(rec.accountId, rec.region), rec.imageId);
    removeNamed(this.amisNamed, rec.region, rec.name, rec.imageId);
    const owner = k2(rec.accountId, rec.region);
    const names = this.imageNames.get(owner);
    if (names?.get(rec.name) === rec.imageId) {
      names.delete(rec.name);
      if (names.size === 0) this.imageNames.delete(owner);
    }
    if (withPerms && rec.deregisteredAt === undefined) {
      const lp = rec.launchPermissions;
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) for (const v of lp[LP_LIST[type]]) this.unindexPermission(rec, type, v);
    }
    removeFrom(this.pendingCopies, k2(rec.accountId, rec.region), rec.imageId);
  }

  /** The live (not deregistered) image with this name in an account and Region. */
  amiByName(accountId: string, region: string, name: string): AmiRec | undefined {
    const id = this.imageNames.get(k2(accountId, region))?.get(name);
    return id ? this.amis.get(id) : undefined;
  }

  /** Ids of every image (any account, deregistered too) with exactly this name in a Region. */
  amiIdsNamed(region: string, name: string): Iterable<string> {
    const ids = this.amisNamed.get(region)?.get(name);
    return ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
  }

  ownedAmiIds(accountId: string, region: string): Iterable<string> {
    return this.amisByOwner.get(k2(accountId, region)) ?? [];
  }

  /** Copies still pending in a destination account and Region (finished ones are pruned). */
  pendingCopyCount(accountId: string, region: string): number {
    const set = this.pendingCopies.get(k2(accountId, region));
    if (!set) return 0;
    const now = this.clock.now();
    for (const id of set) {
      const img = this.amis.get(id);
      if (!img || img.availableAt <= now || img.deregisteredAt !== undefined || img.failed) set.delete(id);
    }
    return set.size;
  }

  // ------------------------------------------------------------ other resources

  putKey(rec: KeyRec, persist = true): void {
    this.keys.set(k3(rec.accountId, rec.region, rec.keyId), rec);
    for (const a of rec.aliases) this.keyAliases.set(k3(rec.accountId, rec.region, a), rec.keyId);
    if (persist) this.repo.put('kmsKey', rec.accountId, rec.region, rec.keyId, rec);
  }

  putLaunchTemplate(rec: LaunchTemplateRec, persist = true): void {
    this.launchTemplates.set(rec.launchTemplateId, rec);
    if (persist) this.repo.put('launchTemplate', rec.accountId, rec.region, rec.launchTemplateId, rec);
  }

  putRepo(rec: RepoRec, persist = true): void {
    this.repos.set(k3(rec.accountId, rec.region, rec.repositoryName), rec);
    if (persist) this.repo.put('ecrRepository', rec.accountId, rec.region, rec.repositoryName, rec);
  }

  repoOf(accountId: string, region: string, name: string): RepoRec | undefined {
    return this.repos.get(k3(accountId, region, name));
  }

  putBucket(rec: BucketRec, persist = true): void {
    this.buckets.set(rec.name, rec);
    if (persist) this.repo.put('s3Bucket', rec.accountId, rec.region, rec.name, rec);
  }

  putObject(rec: ObjectRec, persist = true): void {
    let m = this.objects.get(rec.bucket);
    if (!m) this.objects.set(rec.bucket, (m = new Map()));
    m.set(rec.key, rec);
    if (persist) this.repo.put('s3Object', rec.accountId, rec.region, `${rec.bucket}/${rec.key}`, rec);
  }

  /** Removes an object (S3 DeleteObject); false when there was none. */
  deleteObject(bucket: string, key: string): boolean {
    const rec = this.objects.get(bucket)?.get(key);
    if (!rec) return false;
    this.objects.get(bucket)!.delete(key);
    this.repo.delete('s3Object', rec.accountId, rec.region, `${bucket}/${key}`);
    return true;
  }

  putParam(rec: ParamRec, persist = true): void {
    this.params.set(k3(rec.accountId, rec.region, rec.name), rec);
    if (persist) this.repo.put('ssmParameter', rec.accountId, rec.region, rec.name, rec);
  }

  paramOf(accountId: string, region: string, name: string): ParamRec | undefined {
    return this.params.get(k3(accountId, region, name));
  }

  putExportTask(rec: ExportTaskRec, persist = true): void {
    this.exportTasks.set(rec.exportImageTaskId, rec);
    if (rec.completed) this.activeExports.delete(rec.exportImageTaskId);
    else this.activeExports.add(rec.exportImageTaskId);
    if (persist) this.repo.put('exportTask', rec.accountId, rec.region, rec.exportImageTaskId, rec);
  }

  putLicenseConfig(rec: LicenseConfigRec, persist = true): void {
    this.licenseConfigs.set(rec.arn, rec);
    if (persist) this.repo.put('licenseConfiguration', rec.accountId, rec.region, rec.arn, rec);
  }

  putToken(rec: TokenRec, persist = true): void {
    if (persist) this.repo.put('token', rec.accountId, rec.region, `${rec.operation}:${rec.token}`, rec);
  }

  tokenOf(accountId: string, region: string, operation: string, token: string): TokenRec | undefined {
    return this.repo.get<TokenRec>('token', accountId, region, `${operation}:${token}`);
  }

  keyOf(accountId: string, region: string, keyId: string): KeyRec | undefined {
    return this.keys.get(k3(accountId, region, keyId));
  }

  keyIdForAlias(accountId: string, region: string, alias: string): string | undefined {
    return this.keyAliases.get(k3(accountId, region, alias));
  }

  /**
   * Finishes exports whose time has come: the task completes and its object appears in S3.
   * Done lazily on every call, so no timers run and a restart loses nothing.
   */
  settle(): void {
    if (this.activeExports.size === 0) return;
    const now = this.clock.now();
    for (const id of [...this.activeExports]) {
      const t = this.exportTasks.get(id)!;
      if (t.completeAt > now) continue;
      this.repo.tx(() => {
        const bucket = this.buckets.get(t.s3Bucket);
        if (bucket) {
          const ext = t.diskImageFormat.toLowerCase();
          this.putObject({
            accountId: bucket.accountId,
            region: bucket.region,
            bucket: bucket.name,
            key: `${t.s3Prefix ?? ''}${t.exportImageTaskId}.${ext}`,
            size: EXPORT_SIZES[t.diskImageFormat],
            lastModified: t.completeAt,
          });
        }
        this.putExportTask({ ...t, completed: true });
      });
    }
  }
}

/** Object sizes of simulated exports (an 8 GiB root volume). */
const EXPORT_SIZES = { RAW: 8 * 1024 ** 3, VHD: 8 * 1024 ** 3 + 512, VMDK: 1_342_177_280 } as const;
