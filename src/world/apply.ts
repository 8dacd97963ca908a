// Applies a validated world document to the world state: adds what is new and updates what
// exists (by id), leaving everything else — AMIs made at run time, launch-template versions,
// S3 objects — alone. Used for the initial load, for merges and for reset.
import { kmsKeyArn, parseKmsArn } from '../cloud/simulated/arns.js';
import { defaultEbsKey } from '../cloud/simulated/kms.js';
import { MAX_PARAM_VERSIONS, paramVersions } from '../cloud/simulated/ssm.js';
import type { WorldConfig } from '../cloud/simulated/sim.js';
import type { AccountRec, AmiRec, UnitRec } from '../cloud/simulated/records.js';
import type { WorldState } from '../cloud/simulated/state.js';
import type { AccountSpec, ImageSpec, UnitSpec, WorldSpec } from './spec.js';

const unitRec = (u: UnitSpec): UnitRec => ({
  id: u.id,
  name: u.name,
  accounts: [...(u.accounts ?? [])],
  units: (u.units ?? []).map(unitRec),
});

function amiRec(state: WorldState, config: WorldConfig, acct: string, s: ImageSpec): AmiRec {
  const now = state.clock.now();
  const prev = state.amis.get(s.imageId);
  const lp = s.launchPermissions ?? {};
  const userGroups = [...new Set([...(lp.userGroups ?? []), ...(s.public ? ['all'] : [])])];
  let kmsKeyId: string | undefined;
  if (s.kmsKeyId === 'alias/aws/ebs') kmsKeyId = defaultEbsKey(acct, s.region).arn;
  else if (s.kmsKeyId) kmsKeyId = parseKmsArn(s.kmsKeyId) ? s.kmsKeyId : kmsKeyArn(s.region, acct, s.kmsKeyId);
  const rec: AmiRec = {
    imageId: s.imageId,
    accountId: acct,
    region: s.region,
    name: s.name,
    platform: s.platform ?? 'Linux',
    tags: { ...(s.tags ?? {}) },
    encrypted: Boolean(s.encrypted || kmsKeyId),
    isCopy: false,
    createdAt: prev?.createdAt ?? now,
    availableAt: s.state === 'pending' ? now + config.timings.buildMs : prev && prev.availableAt <= now ? prev.availableAt : now,
    launchPermissions: {
      userIds: [...(lp.userIds ?? [])],
      userGroups,
      organizationArns: [...(lp.organizationArns ?? [])],
      organizationalUnitArns: [...(lp.organizationalUnitArns ?? [])],
    },
    licenseConfigurationArns: prev?.licenseConfigurationArns ?? [],
    fastLaunch: prev?.fastLaunch ?? null,
  };
  if (s.description !== undefined) rec.description = s.description;
  if (kmsKeyId) rec.kmsKeyId = kmsKeyId;
  if (s.state === 'failed') rec.failed = { code: 'Client.InternalError', message: 'The image was declared failed in the world file.' };
  return rec;
}

function applyAccount(state: WorldState, config: WorldConfig, a: AccountSpec): void {
  const prev = state.accounts.get(a.id);
  const roles = [...(prev?.roles ?? [])];
  for (const r of a.roles ?? []) {
    const rec = {
      name: r.name,
      trustedAccounts: [...(r.trustedAccounts ?? [])],
      trustedServices: [...(r.trustedServices ?? [])],
      permissions: [...(r.permissions ?? [])],
    };
    const i = roles.findIndex((x) => x.name === r.name);
    if (i >= 0) roles[i] = rec;
    else roles.push(rec);
  }
  const rec: AccountRec = {
    accountId: a.id,
    name: a.name ?? prev?.name ?? a.id,
    disabledRegions: [...(a.disabledRegions ?? prev?.disabledRegions ?? [])],
    imageBlockPublicAccess: [...(a.imageBlockPublicAccess ?? prev?.imageBlockPublicAccess ?? [])],
    amazonManaged: a.amazonManaged ?? prev?.amazonManaged ?? false,
    roles,
  };
  state.putAccount(rec);
  for (const k of a.kmsKeys ?? []) {
    state.putKey({
      accountId: a.id,
      region: k.region,
      keyId: k.keyId,
      arn: kmsKeyArn(k.region, a.id, k.keyId),
      allowAccounts: [...(k.allowAccounts ?? [])],
      aliases: [...(k.aliases ?? [])],
    });
  }
  for (const t of a.launchTemplates ?? []) {
    const lt = state.launchTemplates.get(t.launchTemplateId);
    // An existing template keeps its versions; the file sets name, tags and (for a new one) v1.
    state.putLaunchTemplate(
      lt
        ? { ...lt, name: t.name, tags: { ...(t.tags ?? lt.tags) } }
        : {
            accountId: a.id,
            region: t.region,
            launchTemplateId: t.launchTemplateId,
            name: t.name,
            defaultVersion: 1,
            latestVersion: 1,
            versions: [{ versionNumber: 1, ...(t.imageId ? { imageId: t.imageId } : {}) }],
            tags: { ...(t.tags ?? {}) },
          },
    );
  }
  for (const r of a.ecrRepositories ?? []) {
    if (!state.repoOf(a.id, r.region, r.repositoryName)) state.putRepo({ accountId: a.id, region: r.region, repositoryName: r.repositoryName, images: [] });
  }
  for (const b of a.s3Buckets ?? []) state.putBucket({ accountId: a.id, region: b.region, name: b.name, allowAccounts: [...(b.allowAccounts ?? [])] });
  for (const l of a.licenseConfigurations ?? []) {
    state.putLicenseConfig({ accountId: a.id, region: l.region, arn: l.arn, name: l.name ?? l.arn.slice(l.arn.lastIndexOf(':') + 1) });
  }
  for (const p of a.ssmParameters ?? []) {
    const prevParam = state.paramOf(a.id, p.region, p.name);
    const dataType = p.dataType ?? 'text';
    // The same value keeps the parameter as it is (versions, labels); a new one is a new version.
    if (prevParam && prevParam.value === p.value) {
      if (prevParam.dataType !== dataType) state.putParam({ ...prevParam, dataType });
      continue;
    }
    const history = prevParam ? paramVersions(prevParam).slice(-(MAX_PARAM_VERSIONS - 1)) : [];
    state.putParam({
      accountId: a.id,
      region: p.region,
      name: p.name,
      value: p.value,
      dataType,
      version: (prevParam?.version ?? 0) + 1,
      lastModified: state.clock.now(),
      ...(history.length ? { history } : {}),
    });
  }
  for (const im of a.images ?? []) state.putAmi(amiRec(state, config, a.id, im));
}

/**
 * Applies `spec` to the state and config. `replaceRegions` is true for the initial load (the
 * file's Regions are the world's); a merge adds Regions.
 */
export function applySpec(state: WorldState, config: WorldConfig, spec: WorldSpec, replaceRegions: boolean): void {
  state.repo.tx(() => {
    if (spec.regions) {
      if (replaceRegions) config.regions = new Set(spec.regions);
      else spec.regions.forEach((r) => config.regions.add(r));
    }
    if (spec.defaultAccountId) config.defaultAccountId = spec.defaultAccountId;
    if (spec.timings) config.timings = { ...config.timings, ...spec.timings };
    for (const a of spec.accounts ?? []) applyAccount(state, config, a);
    // The default account always exists, even when the file does not list it.
    if (!state.accounts.has(config.defaultAccountId)) applyAccount(state, config, { id: config.defaultAccountId, name: 'default' });
    for (const o of spec.organizations ?? []) {
      state.putOrg({ id: o.id, managementAccountId: o.managementAccountId, accounts: [...(o.accounts ?? [])], units: (o.units ?? []).map(unitRec) }, true);
    }
    state.recomputeMembership();
  });
}
