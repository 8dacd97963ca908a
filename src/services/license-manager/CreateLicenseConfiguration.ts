// License Manager CreateLicenseConfiguration: a configuration in the caller's account and
// Region, with the ARN form Image Builder's distribution settings accept.
import { randomBytes } from 'node:crypto';
import { enter } from '../../cloud/simulated/sim.js';
import type { WorldHandler } from '../world-call.js';

export const CreateLicenseConfiguration: WorldHandler = async (input, call) => {
  const ctx = enter(call.sim, 'license-manager', 'CreateLicenseConfiguration', call.scope);
  const arn = `arn:aws:license-manager:${ctx.region}:${ctx.accountId}:license-configuration:lic-${randomBytes(16).toString('hex')}`;
  call.sim.state.putLicenseConfig({
    accountId: ctx.accountId,
    region: ctx.region,
    arn,
    name: input.Name as string,
    licenseCountingType: input.LicenseCountingType as string,
    ...(input.LicenseCount !== undefined ? { licenseCount: input.LicenseCount as number } : {}),
    ...(input.LicenseCountHardLimit !== undefined ? { licenseCountHardLimit: input.LicenseCountHardLimit as boolean } : {}),
    ...(input.Description !== undefined ? { description: input.Description as string } : {}),
  });
  return { LicenseConfigurationArn: arn };
};
