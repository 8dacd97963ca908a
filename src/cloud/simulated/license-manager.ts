// Simulated License Manager: license configurations are Regional resources of one account and
// can be associated only with AMIs that account owns in that Region.
import type { LicenseManagerPort } from '../ports.js';
import { parseImageArn } from './arns.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import type { AmiRec } from './records.js';

function amiFor(sim: Sim, ctx: Ctx, resourceArn: string): AmiRec {
  const parsed = parseImageArn(resourceArn);
  if (!parsed)
    throw fail('license-manager', 'InvalidParameterValueException', `Invalid resource ARN: ${resourceArn} (expecting arn:aws:ec2:<region>::image/ami-…).`);
  const img = sim.state.amis.get(parsed.imageId);
  if (!img || img.region !== ctx.region || parsed.region !== ctx.region || img.accountId !== ctx.accountId || img.deregisteredAt !== undefined) {
    throw fail(
      'license-manager',
      'InvalidParameterValueException',
      `The resource ${resourceArn} does not exist or is not owned by account ${ctx.accountId} in ${ctx.region}.`,
    );
  }
  return img;
}

/** The simulated License Manager port. */
export function simulatedLicenseManager(sim: Sim): LicenseManagerPort {
  return {
    async updateLicenseSpecificationsForResource(scope, input) {
      const ctx = enter(sim, 'license-manager', 'UpdateLicenseSpecificationsForResource', scope);
      const img = amiFor(sim, ctx, input.resourceArn);
      const add = (input.addLicenseSpecifications ?? []).map((s) => s.licenseConfigurationArn);
      for (const arn of add) {
        const lc = sim.state.licenseConfigs.get(arn);
        if (!lc || lc.accountId !== ctx.accountId || lc.region !== ctx.region) {
          throw fail(
            'license-manager',
            'InvalidParameterValueException',
            `License configuration ${arn} does not exist in account ${ctx.accountId} in ${ctx.region}.`,
          );
        }
      }
      const remove = new Set((input.removeLicenseSpecifications ?? []).map((s) => s.licenseConfigurationArn));
      const arns = [...new Set([...img.licenseConfigurationArns.filter((a) => !remove.has(a)), ...add])];
      sim.state.putAmi({ ...img, licenseConfigurationArns: arns });
    },

    async listLicenseSpecificationsForResource(scope, input) {
      const ctx = enter(sim, 'license-manager', 'ListLicenseSpecificationsForResource', scope);
      const img = amiFor(sim, ctx, input.resourceArn);
      return { licenseSpecifications: img.licenseConfigurationArns.map((licenseConfigurationArn) => ({ licenseConfigurationArn })) };
    },
  };
}
