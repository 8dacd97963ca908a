// DeleteComponent: removes one component build version of the caller and its tags; a recipe that
// uses it blocks the delete with ResourceDependencyException. Amazon's components cannot be deleted.
import { inputArn } from '../pipelines/inputs.js';
import type { ContainerRecipe, ImageRecipe } from '../model/generated/types.js';
import { notFound } from '../domain/arn-arguments.js';
import type { Handler } from './handler.js';
import { dependencyError, refersTo } from './build-resources.js';

export const DeleteComponent: Handler<'DeleteComponent'> = async (input, ctx) => {
  const arn = input.componentBuildVersionArn;
  inputArn(ctx.scope, arn, 'componentBuildVersionArn', 'component');
  const { resources } = ctx.services.build;
  if (!resources.get(ctx.scope, arn)) throw notFound(arn);
  const recipes = [...resources.list<ImageRecipe>(ctx.scope, 'image-recipe'), ...resources.list<ContainerRecipe>(ctx.scope, 'container-recipe')];
  if (recipes.some((r) => (r.body.components ?? []).some((c) => refersTo(c.componentArn, arn)))) throw dependencyError(arn);
  ctx.services.tx(() => {
    resources.delete(ctx.scope, arn);
    ctx.services.tags.delete(ctx.scope, arn);
  });
  return { requestId: ctx.requestId, componentBuildVersionArn: arn };
};
