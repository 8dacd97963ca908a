// CreateImageRecipe: a new version of an image recipe. Its components (the caller's or Amazon's)
// and parent image (AMI id, Amazon-managed or own image ARN) must exist; the platform is the parent's.
import type { ImageRecipe } from '../model/generated/types.js';
import { resolveComponents, resolveParentAmi } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import { createVersion } from './recipes.js';
import { compact } from './build-resources.js';

export const CreateImageRecipe: Handler<'CreateImageRecipe'> = async (input, ctx) => {
  const s = ctx.services;
  resolveComponents(s, ctx.scope, input.components);
  const parent = await resolveParentAmi(s, ctx.scope, input.parentImage);
  const respond = (arn: string, latestVersionReferences: LatestVersionReferences) => ({
    requestId: ctx.requestId,
    clientToken: input.clientToken,
    imageRecipeArn: arn,
    latestVersionReferences,
  });
  const { arn, latestVersionReferences } = createVersion<ImageRecipe>(
    ctx,
    'image-recipe',
    input.name,
    input.semanticVersion,
    (arn, dateCreated, version) =>
      compact({
        arn,
        type: 'AMI',
        name: input.name,
        description: input.description,
        platform: parent.platform,
        owner: ctx.scope.accountId,
        version,
        components: input.components ?? [],
        parentImage: input.parentImage,
        blockDeviceMappings: input.blockDeviceMappings,
        dateCreated,
        workingDirectory: input.workingDirectory,
        additionalInstanceConfiguration: input.additionalInstanceConfiguration,
        amiTags: input.amiTags,
      }),
    input.tags,
    undefined,
    respond,
    { autoVersion: true },
  );
  return respond(arn, latestVersionReferences);
};
