// Helpers shared by CreateImage and the pipeline operations: the one-recipe rule and a build
// request from the caller's current recipe, infrastructure and distribution configurations.
import { InvalidParameterCombinationException } from '../model/generated/errors.js';
import type { BuildRequest } from '../pipelines/builder.js';
import { loadContainerRecipe, loadImageRecipe, loadInfrastructure } from '../pipelines/inputs.js';
import { distributionSnapshot } from '../pipelines/pipelines.js';
import type { Ctx } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Throws unless exactly one of the recipe ARNs is given. */
export function assertOneRecipe(i: { imageRecipeArn?: string; containerRecipeArn?: string }): void {
  if ((i.imageRecipeArn === undefined) === (i.containerRecipeArn === undefined)) {
    throw new InvalidParameterCombinationException(
      invalidParameter('imageRecipeArn', 'You must specify exactly one recipe: imageRecipeArn or containerRecipeArn.'),
    );
  }
}

/** Resolves recipe (wildcards → newest), infrastructure and distribution snapshots; 404 when missing. */
export function resolveBuildInputs(
  ctx: Ctx,
  i: { imageRecipeArn?: string; containerRecipeArn?: string; infrastructureConfigurationArn: string; distributionConfigurationArn?: string },
): Pick<BuildRequest, 'recipe' | 'infrastructure' | 'distribution'> {
  const s = ctx.services;
  const tags = (arn: string) => s.tags.get(ctx.scope, arn);
  const recipe: BuildRequest['recipe'] = i.imageRecipeArn
    ? (() => {
        const r = loadImageRecipe(s, ctx.scope, i.imageRecipeArn!, 'imageRecipeArn', { shared: true });
        return { kind: 'AMI' as const, arn: r.arn, body: { ...r.body, tags: tags(r.arn) } };
      })()
    : (() => {
        const r = loadContainerRecipe(s, ctx.scope, i.containerRecipeArn!, 'containerRecipeArn', { shared: true });
        return { kind: 'DOCKER' as const, arn: r.arn, body: { ...r.body, tags: tags(r.arn) } };
      })();
  const infra = loadInfrastructure(s, ctx.scope, i.infrastructureConfigurationArn);
  return {
    recipe,
    infrastructure: { ...infra.body, tags: tags(infra.arn) },
    ...(i.distributionConfigurationArn ? { distribution: distributionSnapshot(s, ctx.scope, i.distributionConfigurationArn) } : {}),
  };
}
