// DeleteDistributionConfiguration: removes the configuration and its tags; 404 when unknown.
// Images that used it keep their own snapshot, so they are not affected.
import type { Handler } from './context.js';
import { loadDistributionConfiguration } from './distribution-configurations.js';

export const DeleteDistributionConfiguration: Handler<'DeleteDistributionConfiguration'> = async (input, ctx) => {
  const rec = loadDistributionConfiguration(ctx, input.distributionConfigurationArn);
  const { db, distributionConfigurations, tags } = ctx.services;
  db.transaction(() => {
    distributionConfigurations.delete(ctx.scope, rec.id);
    tags.delete(ctx.scope, rec.arn);
  })();
  return { requestId: ctx.requestId, distributionConfigurationArn: rec.arn };
};
