// GetContainerRecipePolicy: the resource policy of one of the caller's container-recipes.
import type { Handler } from './handler.js';
import { buildResourceExists, getPolicy } from './resource-policy-operations.js';

export const GetContainerRecipePolicy: Handler<'GetContainerRecipePolicy'> = async (input, ctx) => ({
  requestId: ctx.requestId,
  policy: getPolicy(ctx, input.containerRecipeArn, 'containerRecipeArn', 'container-recipe', buildResourceExists(ctx)),
});
