// CreateContainerRecipe: a new version of a container recipe (Dockerfile template, parent image,
// components, and the ECR repository builds push to). The repository is checked when a build runs.
import { InvalidParameterCombinationException } from '../model/generated/errors.js';
import type { ContainerRecipe } from '../model/generated/types.js';
import { resolveComponents } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import { createVersion } from './recipes.js';
import { compact } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const CreateContainerRecipe: Handler<'CreateContainerRecipe'> = async (input, ctx) => {
  if ((input.dockerfileTemplateData === undefined) === (input.dockerfileTemplateUri === undefined)) {
    throw new InvalidParameterCombinationException(
      invalidParameter('dockerfileTemplateData', 'Specify exactly one of dockerfileTemplateData and dockerfileTemplateUri.'),
    );
  }
  resolveComponents(ctx.services, ctx.scope, input.components);
  const respond = (arn: string, latestVersionReferences: LatestVersionReferences) => ({
    requestId: ctx.requestId,
    clientToken: input.clientToken,
    containerRecipeArn: arn,
    latestVersionReferences,
  });
  const { arn, latestVersionReferences } = createVersion<ContainerRecipe>(
    ctx,
    'container-recipe',
    input.name,
    input.semanticVersion,
    (arn, dateCreated, version) =>
      compact({
        arn,
        containerType: input.containerType,
        name: input.name,
        description: input.description,
        platform: input.platformOverride ?? 'Linux',
        owner: ctx.scope.accountId,
        version,
        components: input.components ?? [],
        instanceConfiguration: input.instanceConfiguration,
        dockerfileTemplateData: input.dockerfileTemplateData ?? `# from ${input.dockerfileTemplateUri}`,
        kmsKeyId: input.kmsKeyId,
        encrypted: true,
        parentImage: input.parentImage,
        dateCreated,
        targetRepository: input.targetRepository,
        workingDirectory: input.workingDirectory,
      }),
    input.tags,
    undefined,
    respond,
    { autoVersion: true },
  );
  return respond(arn, latestVersionReferences);
};
