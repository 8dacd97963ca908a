// The world's in-memory state: records by key plus the indexes that keep every lookup
// independent of the world's size (by account+Region, by id, by sharing principal). Every change is
// written through to SQLite by the same method that makes it.
import type { Clock } from '../../domain/clock.js';
import { orgArn, ouArn } from './arns.js';
import type {
  AccountRec,
  BucketRec,
  ExportTaskRec,
  ImageRec,
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

/** The list of `ImageRec.launchPermissions` that holds each type of entry. */
const LP_LIST = {
  userId: 'userIds',
  group: 'userGroups',
  organizationArn: 'organizationArns',
  organizationalUnitArn: 'organizationalUnitArns',
} as const satisfies Record<LaunchPermissionType, keyof LaunchPermissionsRec>;

const lpRowId = (imageId: string, type: LaunchPermissionType, value: string): string => `${imageId}|${type}|${value}`;

/** All world records and indexes. Methods named `put*` persist as well as index. */
export class WorldState {
  accounts = new Map<string, AccountRec>();
  orgs = new Map<string, OrgRec>();
  membership = new Map<string, Membership>();
  /** OU id → its org and ARN, and its direct accounts (for Organizations calls). */
  units = new Map<string, { orgId: string; arn: string; name: string; parentId: string }>();

  images = new Map<string, ImageRec>();
  imagesByOwner = new Map<string, Set<string>>(); // acct|region
  imageNames = new Map<string, string>(); // acct|region|name → live image id
  /** Every image of a name in a Region, any account (DescribeImages' `name` filter). */
  imagesNamed = new Map<string, Set<string>>(); // region|name
  sharedWithAccount = new Map<string, Set<string>>(); // region|acct
  sharedWithPrincipal = new Map<string, Set<string>>(); // region|org-or-ou-arn
  publicImages = new Map<string, Set<string>>(); // region
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
    const legacy: ImageRec[] = [];
    for (const row of this.repo.all()) {
      if (row.kind === 'launchPermission') grants.push(row.body as LaunchPermissionEntryRec);
      else if (row.kind === 'image') {
        // Image rows written before launch permissions had rows of their own carry them inline.
        const rec = row.body as ImageRec;
        if (rec.launchPermissions) legacy.push(rec);
        else rec.launchPermissions = { userIds: [], userGroups: [], organizationArns: [], organizationalUnitArns: [] };
        this.putImage(rec, false);
      } else this.index(row.kind, row.body, false);
    }
    grants.sort((a, b) => a.n - b.n);
    for (const g of grants) {
      const rec = this.images.get(g.imageId);
      if (rec && !this.hasLaunchPermission(rec, g.type, g.value)) this.attachLaunchPermission(rec, g.type, g.value);
    }
    this.lpSeq = grants.length ? grants[grants.length - 1]!.n + 1 : 0;
    this.recomputeMembership();
    if (legacy.length) this.repo.tx(() => legacy.forEach((rec) => this.persistImage(this.images.get(rec.imageId)!, 'replace')));
  }

  clearMemory(): void {
    for (const m of [
      this.accounts,
      this.orgs,
      this.membership,
      this.units,
      this.images,
      this.imagesByOwner,
      this.imageNames,
      this.imagesNamed,
      this.sharedWithAccount,
      this.sharedWithPrincipal,
      this.publicImages,
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
      case 'image':
        return this.putImage(body as ImageRec, persist);
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
  putImage(rec: ImageRec, persist = true): void {
    const prev = this.images.get(rec.imageId);
    const live = (r: ImageRec): boolean => r.deregisteredAt === undefined;
    const permsKept = prev !== undefined && prev.launchPermissions === rec.launchPermissions && live(prev) === live(rec);
    if (prev) this.unindexImage(prev, !permsKept);
    this.images.set(rec.imageId, rec);
    this.indexImage(rec, !permsKept);
    if (persist) this.persistImage(rec, prev !== undefined && prev.launchPermissions !== rec.launchPermissions ? 'replace' : prev ? false : true);
  }

  /** Writes the image row (without its permissions) and, when asked, its permission rows. */
  private persistImage(rec: ImageRec, perms: boolean | 'replace'): void {
    const { launchPermissions: lp, ...body } = rec;
    if (!perms) return this.repo.put('image', rec.accountId, rec.region, rec.imageId, body);
    this.repo.tx(() => {
      this.repo.put('image', rec.accountId, rec.region, rec.imageId, body);
      // A new image has no rows to delete; a replaced list (or a legacy inline one) does.
      if (perms === 'replace') this.repo.deleteRange('launchPermission', rec.accountId, rec.region, `${rec.imageId}|`, `${rec.imageId}}`);
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) {
        for (const value of lp[LP_LIST[type]]) this.persistLaunchPermission(rec, type, value);
      }
    });
  }

  private persistLaunchPermission(rec: ImageRec, type: LaunchPermissionType, value: string): void {
    const row: LaunchPermissionEntryRec = { imageId: rec.imageId, type, value, n: this.lpSeq++ };
    this.repo.put('launchPermission', rec.accountId, rec.region, lpRowId(rec.imageId, type, value), row);
  }

  /** True when the stored image carries the entry: O(1) for accounts (through the sharing index). */
  hasLaunchPermission(rec: ImageRec, type: LaunchPermissionType, value: string): boolean {
    if (type === 'userId' && rec.deregisteredAt === undefined && this.images.get(rec.imageId) === rec) {
      return this.sharedWithAccount.get(k2(rec.region, value))?.has(rec.imageId) ?? false;
    }
    return rec.launchPermissions[LP_LIST[type]].includes(value);
  }

  /**
   * Grants one launch permission on a stored image: one list entry, one index entry, one row.
   * Returns false (and changes nothing) when the image already has it.
   */
  addLaunchPermission(imageId: string, type: LaunchPermissionType, value: string): boolean {
    const rec = this.images.get(imageId);
    if (!rec) throw new Error(`no image ${imageId}`);
    if (this.hasLaunchPermission(rec, type, value)) return false;
    this.attachLaunchPermission(rec, type, value);
    this.persistLaunchPermission(rec, type, value);
    return true;
  }

  /** Revokes one launch permission; false when the image does not have it. */
  removeLaunchPermission(imageId: string, type: LaunchPermissionType, value: string): boolean {
    const rec = this.images.get(imageId);
    if (!rec) throw new Error(`no image ${imageId}`);
    const list = rec.launchPermissions[LP_LIST[type]];
    const at = list.indexOf(value);
    if (at < 0) return false;
    list.splice(at, 1);
    if (rec.deregisteredAt === undefined) this.unindexPermission(rec, type, value);
    this.repo.delete('launchPermission', rec.accountId, rec.region, lpRowId(imageId, type, value));
    return true;
  }

  private attachLaunchPermission(rec: ImageRec, type: LaunchPermissionType, value: string): void {
    rec.launchPermissions[LP_LIST[type]].push(value);
    if (rec.deregisteredAt === undefined) this.indexPermission(rec, type, value);
  }

  private indexPermission(rec: ImageRec, type: LaunchPermissionType, value: string): void {
    if (type === 'userId') addTo(this.sharedWithAccount, k2(rec.region, value), rec.imageId);
    else if (type === 'group') addTo(this.publicImages, rec.region, rec.imageId);
    else addTo(this.sharedWithPrincipal, k2(rec.region, value), rec.imageId);
  }

  private unindexPermission(rec: ImageRec, type: LaunchPermissionType, value: string): void {
    if (type === 'userId') removeFrom(this.sharedWithAccount, k2(rec.region, value), rec.imageId);
    else if (type === 'group') removeFrom(this.publicImages, rec.region, rec.imageId);
    else removeFrom(this.sharedWithPrincipal, k2(rec.region, value), rec.imageId);
  }

  private indexImage(rec: ImageRec, withPerms: boolean): void {
    addTo(this.imagesByOwner, k2(rec.accountId, rec.region), rec.imageId);
    addTo(this.imagesNamed, k2(rec.region, rec.name), rec.imageId);
    if (rec.deregisteredAt !== undefined) return;
    this.imageNames.set(k3(rec.accountId, rec.region, rec.name), rec.imageId);
    if (withPerms) {
      const lp = rec.launchPermissions;
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) for (const v of lp[LP_LIST[type]]) this.indexPermission(rec, type, v);
    }
    if (rec.isCopy && rec.availableAt > this.clock.now() && !rec.failed) {
      addTo(this.pendingCopies, k2(rec.accountId, rec.region), rec.imageId);
    }
  }

  private unindexImage(rec: ImageRec, withPerms: boolean): void {
    removeFrom(this.imagesByOwner, k2(rec.accountId, rec.region), rec.imageId);
    removeFrom(this.imagesNamed, k2(rec.region, rec.name), rec.imageId);
    const nameKey = k3(rec.accountId, rec.region, rec.name);
    if (this.imageNames.get(nameKey) === rec.imageId) this.imageNames.delete(nameKey);
    if (withPerms && rec.deregisteredAt === undefined) {
      const lp = rec.launchPermissions;
      for (const type of Object.keys(LP_LIST) as LaunchPermissionType[]) for (const v of lp[LP_LIST[type]]) this.unindexPermission(rec, type, v);
    }
    removeFrom(this.pendingCopies, k2(rec.accountId, rec.region), rec.imageId);
  }

  /** The live (not deregistered) image with this name in an account and Region. */
  imageByName(accountId: string, region: string, name: string): ImageRec | undefined {
    const id = this.imageNames.get(k3(accountId, region, name));
    return id ? this.images.get(id) : undefined;
  }

  /** Ids of every image (any account, deregistered too) with exactly this name in a Region. */
  imageIdsNamed(region: string, name: string): Iterable<string> {
    return this.imagesNamed.get(k2(region, name)) ?? [];
  }

  ownedImageIds(accountId: string, region: string): Iterable<string> {
    return this.imagesByOwner.get(k2(accountId, region)) ?? [];
  }

  /** Copies still pending in a destination account and Region (finished ones are pruned). */
  pendingCopyCount(accountId: string, region: string): number {
    const set = this.pendingCopies.get(k2(accountId, region));
    if (!set) return 0;
    const now = this.clock.now();
    for (const id of set) {
      const img = this.images.get(id);
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
