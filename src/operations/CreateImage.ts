// CreateImage: builds one image from exactly one recipe (simulated: PENDING → BUILDING → TESTING →
// DISTRIBUTING → INTEGRATING → AVAILABLE in the caller's Region), then distributes it with the
// distribution configuration, if any. Returns the new build version and latestVersionReferences.
import type { Handler } from './handler.js';
import { assertOneRecipe, resolveBuildInputs } from './image-builds.js';
import { testPause } from '../testing/pause.js';
import { resolveAttachedWorkflows } from '../workflows/attach.js';
import { planOuTargets } from '../beyond/ou-plan.js';

export const CreateImage: Handler<'CreateImage'> = async (input, ctx) => {
  assertOneRecipe(input);
  const inputs = resolveBuildInputs(ctx, input);
  const attachedWorkflows = resolveAttachedWorkflows(ctx.services, ctx.scope, input.workflows, input.executionRole);
  // ibex's OU-following tag (src/beyond): the OUs' accounts now, fixed in the build for its distribution.
  const ouTargets = input.distributionConfigurationArn ? await planOuTargets(ctx, input.distributionConfigurationArn) : [];
  // The image, its build row and the client-token record commit together (see idempotency.ts).
  return ctx.services.tx(() => {
    const { arn, latestVersionReferences } = ctx.services.build.builder.create(ctx.scope, {
      ...inputs,
      ...(input.imageTestsConfiguration ? { imageTestsConfiguration: input.imageTestsConfiguration } : {}),
      ...(input.enhancedImageMetadataEnabled !== undefined ? { enhancedImageMetadataEnabled: input.enhancedImageMetadataEnabled } : {}),
      ...(input.tags ? { tags: input.tags } : {}),
      buildType: 'USER_INITIATED',
      ...(input.executionRole ? { executionRole: input.executionRole } : {}),
      ...(input.workflows ? { workflows: input.workflows } : {}),
      ...(attachedWorkflows ? { attachedWorkflows } : {}),
      ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
      ...(input.imageScanningConfiguration ? { imageScanningConfiguration: input.imageScanningConfiguration } : {}),
      ...(ouTargets.length ? { ouTargets } : {}),
    });
    const response = { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: arn, latestVersionReferences };
    testPause('create-image');
    ctx.commitToken?.(response);
    return response;
  });
};
