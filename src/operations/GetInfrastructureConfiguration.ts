// GetInfrastructureConfiguration: one infrastructure configuration with its tags.
import { loadInfrastructure } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { withResourceTags } from './recipes.js';

export const GetInfrastructureConfiguration: Handler<'GetInfrastructureConfiguration'> = async (input, ctx) => {
  const rec = loadInfrastructure(ctx.services, ctx.scope, input.infrastructureConfigurationArn);
  return { requestId: ctx.requestId, infrastructureConfiguration: withResourceTags(ctx, rec) };
};
