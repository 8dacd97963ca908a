// What a set of distribution settings delivers, as a flat list of typed targets: an AMI copy per
// Region and account, each launch permission principal, SSM parameter, launch template, S3 export
// and ECR repository. The settings diff compares two such lists; nothing here reads the world.
import type { OuTarget } from '../engine/plan.js';
import type { Distribution } from '../model/generated/types.js';

export type TargetKind = 'copy' | 'launchPermission' | 'ssmParameter' | 'launchTemplate' | 'export' | 'container';

/** One thing the settings deliver somewhere. `key` is stable across both sides of a diff. */
export interface Target {
  key: string;
  kind: TargetKind;
  region: string;
  /** The account that receives it (the owner for launch permissions, exports and containers). */
  accountId: string;
  /** What it is, for people. */
  title: string;
  /** For copies: `owner`, `targetAccountIds` or the OU ARN the account was found in. */
  origin?: string;
  /** For launch permissions: the account id, `all`, organization or OU ARN. */
  principal?: string;
  parameterName?: string;
  launchTemplateId?: string;
  /** For exports: `s3://bucket/prefix`. */
  destination?: string;
  repositoryName?: string;
}

export type { OuTarget };

/** Same rule as the plan's: a Region that produces anything AMI-shaped gets the owner's AMI. */
function needsAmi(d: Distribution): boolean {
  return (
    d.amiDistributionConfiguration !== undefined ||
    (d.launchTemplateConfigurations?.length ?? 0) > 0 ||
    (d.ssmParameterConfigurations?.length ?? 0) > 0 ||
    d.s3ExportConfiguration !== undefined ||
    (d.fastLaunchConfigurations?.some((f) => f.enabled) ?? false) ||
    (d.licenseConfigurationArns?.length ?? 0) > 0
  );
}

/**
 * Every AMI account of a Region in plan order with where it came from: the owner, then
 * targetAccountIds, then accounts of OU-following tags not already listed.
 */
export function amiAccounts(d: Distribution, owner: string, ouTargets: readonly OuTarget[] = []): { accountId: string; origin: string }[] {
  const out = new Map<string, string>([[owner, 'owner']]);
  for (const a of d.amiDistributionConfiguration?.targetAccountIds ?? []) if (!out.has(a)) out.set(a, 'targetAccountIds');
  if (d.amiDistributionConfiguration !== undefined) for (const t of ouTargets) if (!out.has(t.accountId)) out.set(t.accountId, t.ouArn);
  return [...out].map(([accountId, origin]) => ({ accountId, origin }));
}

/** The targets of AMI (and container) distributions for `owner`. */
export function targetsOf(distributions: readonly Distribution[], owner: string, ouTargets: readonly OuTarget[] = []): Target[] {
  const out: Target[] = [];
  for (const d of distributions) {
    const r = d.region;
    if (needsAmi(d)) {
      for (const { accountId, origin } of amiAccounts(d, owner, ouTargets)) {
        out.push({
          key: `copy:${r}:${accountId}`,
          kind: 'copy',
          region: r,
          accountId,
          origin,
          title: accountId === owner ? `AMI in ${r}` : `AMI copy for account ${accountId} in ${r}`,
        });
      }
    }
    const lp = d.amiDistributionConfiguration?.launchPermission;
    const principals = [...(lp?.userIds ?? []), ...(lp?.userGroups ?? []), ...(lp?.organizationArns ?? []), ...(lp?.organizationalUnitArns ?? [])];
    for (const p of principals) {
      out.push({
        key: `launchPermission:${r}:${p}`,
        kind: 'launchPermission',
        region: r,
        accountId: owner,
        principal: p,
        title: `launch permission for ${p} in ${r}`,
      });
    }
    for (const sp of d.ssmParameterConfigurations ?? []) {
      const a = sp.amiAccountId ?? owner;
      out.push({
        key: `ssmParameter:${r}:${a}:${sp.parameterName}`,
        kind: 'ssmParameter',
        region: r,
        accountId: a,
        parameterName: sp.parameterName,
        title: `SSM parameter ${sp.parameterName} of account ${a} in ${r}`,
      });
    }
    for (const lt of d.launchTemplateConfigurations ?? []) {
      const a = lt.accountId ?? owner;
      out.push({
        key: `launchTemplate:${r}:${a}:${lt.launchTemplateId}`,
        kind: 'launchTemplate',
        region: r,
        accountId: a,
        launchTemplateId: lt.launchTemplateId,
        title: `launch template ${lt.launchTemplateId} of account ${a} in ${r}`,
      });
    }
    const e = d.s3ExportConfiguration;
    if (e) {
      const destination = `s3://${e.s3Bucket}/${e.s3Prefix ?? ''}`;
      out.push({ key: `export:${r}:${destination}`, kind: 'export', region: r, accountId: owner, destination, title: `S3 export to ${destination} in ${r}` });
    }
    const c = d.containerDistributionConfiguration;
    if (c) {
      const repositoryName = c.targetRepository.repositoryName;
      out.push({
        key: `container:${r}:${repositoryName}`,
        kind: 'container',
        region: r,
        accountId: owner,
        repositoryName,
        title: `container image to ECR repository ${repositoryName} in ${r}`,
      });
    }
  }
  return out;
}
