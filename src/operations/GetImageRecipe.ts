// GetImageRecipe: one image recipe version (a version ARN with `x` wildcards resolves to the newest).
import { loadImageRecipe } from '../pipelines/inputs.js';
import { idFromName } from '../domain/arn.js';
import type { Handler } from './handler.js';
import { references, withResourceTags } from './recipes.js';

export const GetImageRecipe: Handler<'GetImageRecipe'> = async (input, ctx) => {
  const rec = loadImageRecipe(ctx.services, ctx.scope, input.imageRecipeArn, 'imageRecipeArn', { shared: true });
  return {
    requestId: ctx.requestId,
    imageRecipe: withResourceTags(ctx, rec),
    latestVersionReferences: references(ctx, 'image-recipe', idFromName(rec.body.name!), rec.version),
  };
};
