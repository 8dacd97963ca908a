// UpdateDistributionConfiguration: a full replacement of description and distributions; name and
// tags stay; dateUpdated is set (facts §4: an omitted description is cleared).
import type { Handler } from './handler.js';
import { assertDistributionsValid, loadDistributionConfiguration } from '../app/distribution-configurations.js';

export const UpdateDistributionConfiguration: Handler<'UpdateDistributionConfiguration'> = async (input, ctx) => {
  const rec = loadDistributionConfiguration(ctx, input.distributionConfigurationArn);
  assertDistributionsValid(ctx, input.distributions);
  ctx.services.distributionConfigurations.update(ctx.scope, rec.id, {
    ...(input.description !== undefined ? { description: input.description } : {}),
    distributions: input.distributions,
    dateUpdated: ctx.now().toISOString(),
  });
  return { requestId: ctx.requestId, clientToken: input.clientToken, distributionConfigurationArn: rec.arn };
};
