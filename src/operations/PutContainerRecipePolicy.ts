// PutContainerRecipePolicy: attaches a resource policy that shares one container-recipe with the accounts it names.
import type { Handler } from './handler.js';
import { buildResourceExists, putPolicy } from './resource-policy-operations.js';

export const PutContainerRecipePolicy: Handler<'PutContainerRecipePolicy'> = async (input, ctx) => {
  putPolicy(ctx, input.containerRecipeArn, 'containerRecipeArn', 'container-recipe', input.policy, buildResourceExists(ctx));
  return { requestId: ctx.requestId, containerRecipeArn: input.containerRecipeArn };
};
