// License Manager ListLicenseSpecificationsForResource: the configurations associated with an AMI.
import type { WorldHandler } from '../world-call.js';

export const ListLicenseSpecificationsForResource: WorldHandler = async (input, call) => {
  const { licenseSpecifications } = await call.ports.licenseManager.listLicenseSpecificationsForResource(call.scope, {
    resourceArn: input.ResourceArn as string,
  });
  return { LicenseSpecifications: licenseSpecifications.map((s) => ({ LicenseConfigurationArn: s.licenseConfigurationArn })) };
};
