// License Manager UpdateLicenseSpecificationsForResource: associates license configurations with
// an AMI the caller owns (the port the engine's distribution uses).
import type { WorldHandler } from '../world-call.js';

type Spec = { LicenseConfigurationArn: string }[] | undefined;

export const UpdateLicenseSpecificationsForResource: WorldHandler = async (input, call) => {
  const conv = (s: Spec) => (s ?? []).map((x) => ({ licenseConfigurationArn: x.LicenseConfigurationArn }));
  await call.ports.licenseManager.updateLicenseSpecificationsForResource(call.scope, {
    resourceArn: input.ResourceArn as string,
    addLicenseSpecifications: conv(input.AddLicenseSpecifications as Spec),
    removeLicenseSpecifications: conv(input.RemoveLicenseSpecifications as Spec),
  });
  return {};
};
