// DeleteContainerRecipe: removes one container recipe version and its tags; a pipeline that uses
// it blocks the delete with ResourceDependencyException.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { loadContainerRecipe } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { assertNoPipelineUses } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const DeleteContainerRecipe: Handler<'DeleteContainerRecipe'> = async (input, ctx) => {
  if (/x/.test(input.containerRecipeArn.split('/').pop() ?? '')) {
    throw new InvalidParameterValueException(invalidParameter('containerRecipeArn', 'A recipe to delete must be named by its exact version.'));
  }
  const rec = loadContainerRecipe(ctx.services, ctx.scope, input.containerRecipeArn);
  assertNoPipelineUses(ctx, 'containerRecipeArn', rec.arn);
  ctx.services.tx(() => {
    ctx.services.build.resources.delete(ctx.scope, rec.arn);
    ctx.services.tags.delete(ctx.scope, rec.arn);
  });
  return { requestId: ctx.requestId, containerRecipeArn: rec.arn };
};
