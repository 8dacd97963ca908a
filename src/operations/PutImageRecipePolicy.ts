// PutImageRecipePolicy: attaches a resource policy that shares one image-recipe with the accounts it names.
import type { Handler } from './handler.js';
import { buildResourceExists, putPolicy } from './resource-policy-operations.js';

export const PutImageRecipePolicy: Handler<'PutImageRecipePolicy'> = async (input, ctx) => {
  putPolicy(ctx, input.imageRecipeArn, 'imageRecipeArn', 'image-recipe', input.policy, buildResourceExists(ctx));
  return { requestId: ctx.requestId, imageRecipeArn: input.imageRecipeArn };
};
