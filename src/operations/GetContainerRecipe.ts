// GetContainerRecipe: one container recipe version (a version ARN with `x` wildcards resolves to the newest).
import { loadContainerRecipe } from '../pipelines/inputs.js';
import { idFromName } from '../domain/arn.js';
import type { Handler } from './handler.js';
import { references, withResourceTags } from './recipes.js';

export const GetContainerRecipe: Handler<'GetContainerRecipe'> = async (input, ctx) => {
  const rec = loadContainerRecipe(ctx.services, ctx.scope, input.containerRecipeArn, 'containerRecipeArn', { shared: true });
  return {
    requestId: ctx.requestId,
    containerRecipe: withResourceTags(ctx, rec),
    latestVersionReferences: references(ctx, 'container-recipe', idFromName(rec.body.name!), rec.version),
  };
};
