// License Manager ListLicenseConfigurations: the caller's configurations in its Region, by ARN
// or all, filtered by licenseCountingType / enforceLicenseCount, in pages.
import { enter } from '../../cloud/simulated/sim.js';
import { WorldError, type WorldHandler } from '../world-call.js';

export const ListLicenseConfigurations: WorldHandler = async (input, call) => {
  const ctx = enter(call.sim, 'license-manager', 'ListLicenseConfigurations', call.scope);
  const mine = [...call.sim.state.licenseConfigs.values()]
    .filter((l) => l.accountId === ctx.accountId && l.region === ctx.region)
    .sort((a, b) => (a.arn < b.arn ? -1 : 1));
  const arns = input.LicenseConfigurationArns as string[] | undefined;
  let kept = arns?.length ? mine.filter((l) => arns.includes(l.arn)) : mine;
  for (const f of (input.Filters as { Name?: string; Values?: string[] }[] | undefined) ?? []) {
    const vals = f.Values ?? [];
    if (f.Name === 'licenseCountingType') kept = kept.filter((l) => vals.includes(l.licenseCountingType ?? 'vCPU'));
    else if (f.Name === 'enforceLicenseCount') kept = kept.filter((l) => vals.includes(String(l.licenseCountHardLimit ?? false)));
    else if (f.Name === 'usagelimitExceeded') kept = kept.filter(() => vals.includes('false'));
    else throw new WorldError('InvalidParameterValueException', `Invalid filter name: ${String(f.Name)}`);
  }
  const max = (input.MaxResults as number | undefined) ?? 100;
  let start = 0;
  if (input.NextToken !== undefined) {
    const m = /^ibex:(\d+)$/.exec(Buffer.from(input.NextToken as string, 'base64url').toString('utf8'));
    if (!m) throw new WorldError('InvalidParameterValueException', 'The NextToken is not valid.');
    start = Number(m[1]);
  }
  const page = kept.slice(start, start + max);
  return {
    LicenseConfigurations: page.map((l) => ({
      LicenseConfigurationId: l.arn.slice(l.arn.lastIndexOf(':') + 1),
      LicenseConfigurationArn: l.arn,
      Name: l.name,
      ...(l.description !== undefined ? { Description: l.description } : {}),
      LicenseCountingType: l.licenseCountingType ?? 'vCPU',
      LicenseRules: [],
      ...(l.licenseCount !== undefined ? { LicenseCount: l.licenseCount } : {}),
      LicenseCountHardLimit: l.licenseCountHardLimit ?? false,
      ConsumedLicenses: 0,
      Status: 'AVAILABLE',
      OwnerAccountId: l.accountId,
    })),
    ...(start + max < kept.length ? { NextToken: Buffer.from(`ibex:${start + max}`).toString('base64url') } : {}),
  };
};
