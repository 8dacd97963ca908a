// The world snapshot (GET /_ibex/world) as the console reads it, and who may launch an AMI.
export interface Unit {
  id: string;
  name: string;
  accounts: string[];
  units: Unit[];
}
export interface WorldImage {
  imageId: string;
  accountId: string;
  region: string;
  name: string;
  description?: string;
  state: string;
  platform: string;
  tags: Record<string, string>;
  sourceImageId?: string;
  sourceRegion?: string;
  creationDate?: string;
  launchPermissions: { userIds?: string[]; userGroups?: string[]; organizationArns?: string[]; organizationalUnitArns?: string[] };
  fastLaunch?: { state: string } | null;
}
export interface Snapshot {
  regions: string[];
  accounts: {
    id: string;
    name?: string;
    amazonManaged?: boolean;
    disabledRegions?: string[];
    imageBlockPublicAccess?: string[];
    roles?: { name: string; trustedAccounts?: string[] }[];
  }[];
  organizations: { id: string; managementAccountId: string; units: Unit[] }[];
  images: WorldImage[];
  launchTemplates: {
    launchTemplateId: string;
    accountId: string;
    region: string;
    name: string;
    defaultVersion: number;
    latestVersion: number;
    versions: { versionNumber: number; imageId?: string }[];
  }[];
  ecrRepositories: {
    accountId: string;
    region: string;
    repositoryName: string;
    repositoryUri?: string;
    images: { imageDigest: string; imageTags: string[] }[];
  }[];
  s3Buckets: { name: string; accountId: string; region: string }[];
  kmsKeys: { accountId: string; region: string; keyId: string; arn: string; aliases: string[] }[];
  licenseConfigurations: { accountId: string; region: string; arn: string; name: string }[];
  s3Objects: { bucket: string; key: string; accountId: string; region: string; size: number }[];
  ssmParameters: { accountId: string; region: string; name: string; value: string; dataType?: string; version: number }[];
  exportTasks: {
    exportImageTaskId: string;
    accountId: string;
    region: string;
    imageId: string;
    status: string;
    s3Bucket: string;
    s3Prefix?: string;
    diskImageFormat?: string;
  }[];
}

/** Accounts in an OU and every OU under it. */
function unitAccounts(u: Unit): string[] {
  return [...u.accounts, ...u.units.flatMap(unitAccounts)];
}

function findUnit(units: Unit[], id: string): Unit | undefined {
  for (const u of units) {
    if (u.id === id) return u;
    const hit = findUnit(u.units, id);
    if (hit) return hit;
  }
  return undefined;
}

/** Every account that can launch the AMI, with why ("owner", "user", "org o-…", "OU …", "public"). */
export function whoCanLaunch(img: WorldImage, world: Snapshot): { accountId: string; why: string }[] {
  const lp = img.launchPermissions ?? {};
  if (lp.userGroups?.includes('all')) return [{ accountId: 'everyone', why: 'public' }];
  const out = new Map<string, string>([[img.accountId, 'owner']]);
  for (const u of lp.userIds ?? []) if (!out.has(u)) out.set(u, 'launch permission');
  for (const arn of lp.organizationArns ?? []) {
    const id = arn.split('/').pop()!;
    const org = world.organizations.find((o) => o.id === id);
    if (!org) continue;
    for (const a of [org.managementAccountId, ...org.units.flatMap(unitAccounts)]) if (!out.has(a)) out.set(a, `organization ${id}`);
  }
  for (const arn of lp.organizationalUnitArns ?? []) {
    const id = arn.split('/').pop()!;
    for (const org of world.organizations) {
      const u = findUnit(org.units, id);
      if (u) for (const a of unitAccounts(u)) if (!out.has(a)) out.set(a, `OU ${u.name}`);
    }
  }
  return [...out].map(([accountId, why]) => ({ accountId, why }));
}
