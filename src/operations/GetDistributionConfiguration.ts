// GetDistributionConfiguration: one configuration with its tags; 404 when unknown.
import type { Handler } from './handler.js';
import { loadDistributionConfiguration, toDistributionConfiguration } from '../app/distribution-configurations.js';

export const GetDistributionConfiguration: Handler<'GetDistributionConfiguration'> = async (input, ctx) => {
  const rec = loadDistributionConfiguration(ctx, input.distributionConfigurationArn);
  return { requestId: ctx.requestId, distributionConfiguration: toDistributionConfiguration(ctx, rec) };
};
