// DeleteDistributionConfiguration: removes the configuration and its tags; 404 when unknown.
// Images that used it keep their own snapshot, so they are not affected.
import type { Handler } from './handler.js';
import { loadDistributionConfiguration } from '../app/distribution-configurations.js';
import { assertNoPipelineUses } from './build-resources.js';

export const DeleteDistributionConfiguration: Handler<'DeleteDistributionConfiguration'> = async (input, ctx) => {
  const rec = loadDistributionConfiguration(ctx, input.distributionConfigurationArn);
  // A pipeline that uses it blocks the delete (facts §4).
  assertNoPipelineUses(ctx, 'distributionConfigurationArn', rec.arn);
  const { tx, distributionConfigurations, tags } = ctx.services;
  tx(() => {
    distributionConfigurations.delete(ctx.scope, rec.id);
    tags.delete(ctx.scope, rec.arn);
  });
  return { requestId: ctx.requestId, distributionConfigurationArn: rec.arn };
};
