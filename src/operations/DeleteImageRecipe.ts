// DeleteImageRecipe: removes one recipe version and its tags; a pipeline that uses it blocks the
// delete with ResourceDependencyException. Images built from it keep their own snapshot.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { loadImageRecipe } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { assertNoPipelineUses } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const DeleteImageRecipe: Handler<'DeleteImageRecipe'> = async (input, ctx) => {
  if (/x/.test(input.imageRecipeArn.split('/').pop() ?? '')) {
    throw new InvalidParameterValueException(invalidParameter('imageRecipeArn', 'A recipe to delete must be named by its exact version.'));
  }
  const rec = loadImageRecipe(ctx.services, ctx.scope, input.imageRecipeArn);
  assertNoPipelineUses(ctx, 'imageRecipeArn', rec.arn);
  ctx.services.tx(() => {
    ctx.services.build.resources.delete(ctx.scope, rec.arn);
    ctx.services.tags.delete(ctx.scope, rec.arn);
  });
  return { requestId: ctx.requestId, imageRecipeArn: rec.arn };
};
