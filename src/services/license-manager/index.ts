// The License Manager operations ibex answers.
import type { WorldHandlers } from '../world-call.js';
import { CreateLicenseConfiguration } from './CreateLicenseConfiguration.js';
import { ListLicenseConfigurations } from './ListLicenseConfigurations.js';
import { ListLicenseSpecificationsForResource } from './ListLicenseSpecificationsForResource.js';
import { UpdateLicenseSpecificationsForResource } from './UpdateLicenseSpecificationsForResource.js';

export const LICENSE_MANAGER_HANDLERS: WorldHandlers = {
  CreateLicenseConfiguration,
  ListLicenseConfigurations,
  ListLicenseSpecificationsForResource,
  UpdateLicenseSpecificationsForResource,
};
