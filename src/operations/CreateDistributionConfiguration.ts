// CreateDistributionConfiguration: stores new distribution settings with their tags.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import { ResourceAlreadyExistsException, ServiceQuotaExceededException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { testPause } from '../testing/pause.js';
import { assertDistributionsValid } from '../app/distribution-configurations.js';

export const CreateDistributionConfiguration: Handler<'CreateDistributionConfiguration'> = async (input, ctx) => {
  assertDistributionsValid(ctx, input.distributions);
  const { distributionConfigurations, tags, tx } = ctx.services;
  const id = idFromName(input.name);
  const arn = imagebuilderArn(ctx.scope, 'distribution-configuration', id);
  // Uniqueness is on the derived id, so 'My Dist' and 'my-dist' collide (facts §3).
  const quota = ctx.services.limits.distributionConfigurationsPerRegion;
  if (quota !== undefined && distributionConfigurations.count(ctx.scope) >= quota) {
    throw new ServiceQuotaExceededException(
      `You have reached the quota of ${quota} distribution configurations for account ${ctx.scope.accountId} in ${ctx.scope.region}.`,
    );
  }
  if (distributionConfigurations.get(ctx.scope, id)) {
    throw new ResourceAlreadyExistsException(`The following resource 'DistributionConfiguration' already exists: '${arn}'.`);
  }
  const response = { requestId: ctx.requestId, clientToken: input.clientToken, distributionConfigurationArn: arn };
  // The resource and its client-token record: one transaction (idempotency.ts).
  tx(() => {
    distributionConfigurations.insert(ctx.scope, {
      id,
      arn,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      distributions: input.distributions,
      dateCreated: ctx.now().toISOString(),
    });
    if (input.tags && Object.keys(input.tags).length > 0) tags.set(ctx.scope, arn, input.tags);
    testPause('create-distribution-configuration');
    ctx.commitToken?.(response);
  });
  return response;
};
