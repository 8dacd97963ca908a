// GetImageRecipePolicy: the resource policy of one of the caller's image-recipes.
import type { Handler } from './handler.js';
import { buildResourceExists, getPolicy } from './resource-policy-operations.js';

export const GetImageRecipePolicy: Handler<'GetImageRecipePolicy'> = async (input, ctx) => ({
  requestId: ctx.requestId,
  policy: getPolicy(ctx, input.imageRecipeArn, 'imageRecipeArn', 'image-recipe', buildResourceExists(ctx)),
});
