// Image pipelines at run time: starting a pipeline's build (user-initiated or scheduled) from its
// current recipe, infrastructure and distribution configurations, and the bookkeeping when one of
// its images settles (AWS's consecutiveFailures rules and the auto-disable policy).
import type { Scope } from '../domain/scope.js';
import type { DistributionConfiguration, Image, ImagePipeline } from '../model/generated/types.js';
import type { PipelineServices } from './services.js';
import { toDistributionConfiguration } from '../app/distribution-configurations.js';
import { notFound } from '../domain/arn-arguments.js';
import { parseArn } from '../domain/arn.js';
import type { BuildRequest } from './builder.js';
import { resolveAttachedWorkflows } from '../workflows/attach.js';
import { dependencyFingerprint, loadContainerRecipe, loadImageRecipe, loadInfrastructure } from './inputs.js';
import { planOuTargets } from '../beyond/ou-plan.js';

/** The stored pipeline (runtime fields such as consecutiveFailures live in pipeline_state). */
export type StoredPipeline = ImagePipeline & { arn: string; name: string };

/** The caller's distribution configuration as an image embeds it. */
export function distributionSnapshot(services: PipelineServices, scope: Scope, arn: string): DistributionConfiguration {
  const p = parseArn(arn);
  const rec =
    p?.resourceType === 'distribution-configuration' && p.owner === scope.accountId && p.region === scope.region
      ? services.distributionConfigurations.get(scope, p.resourceId)
      : undefined;
  if (!rec) throw notFound(arn);
  return toDistributionConfiguration({ scope, services }, rec);
}

/** The resolved build request of a pipeline (throws AWS errors when an input disappeared). */
export async function pipelineBuildRequest(
  services: PipelineServices,
  scope: Scope,
  p: StoredPipeline,
  buildType: BuildRequest['buildType'],
  tags?: Record<string, string>,
): Promise<BuildRequest> {
  const recipe = p.imageRecipeArn
    ? (() => {
        const r = loadImageRecipe(services, scope, p.imageRecipeArn!, 'imageRecipeArn', { shared: true });
        return { kind: 'AMI' as const, arn: r.arn, body: { ...r.body, tags: services.tags.get(scope, r.arn) } };
      })()
    : (() => {
        const r = loadContainerRecipe(services, scope, p.containerRecipeArn!, 'containerRecipeArn', { shared: true });
        return { kind: 'DOCKER' as const, arn: r.arn, body: { ...r.body, tags: services.tags.get(scope, r.arn) } };
      })();
  const infra = loadInfrastructure(services, scope, p.infrastructureConfigurationArn!);
  const attachedWorkflows = resolveAttachedWorkflows(services, scope, p.workflows, p.executionRole);
  // ibex's OU-following tag (src/beyond): the OUs' accounts now, fixed in the build for its distribution.
  const ouTargets = p.distributionConfigurationArn ? await planOuTargets({ scope, services }, p.distributionConfigurationArn) : [];
  return {
    recipe,
    infrastructure: { ...infra.body, tags: services.tags.get(scope, infra.arn) },
    ...(p.distributionConfigurationArn ? { distribution: distributionSnapshot(services, scope, p.distributionConfigurationArn) } : {}),
    ...(p.imageTestsConfiguration ? { imageTestsConfiguration: p.imageTestsConfiguration } : {}),
    ...(p.enhancedImageMetadataEnabled !== undefined ? { enhancedImageMetadataEnabled: p.enhancedImageMetadataEnabled } : {}),
    tags: { ...(p.imageTags ?? {}), ...(tags ?? {}) },
    buildType,
    pipeline: { arn: p.arn, name: p.name },
    ...(p.executionRole ? { executionRole: p.executionRole } : {}),
    ...(p.workflows ? { workflows: p.workflows } : {}),
    ...(attachedWorkflows ? { attachedWorkflows } : {}),
    ...(p.imageScanningConfiguration ? { imageScanningConfiguration: p.imageScanningConfiguration } : {}),
    ...(p.loggingConfiguration?.imageLogGroupName ? { loggingConfiguration: { logGroupName: p.loggingConfiguration.imageLogGroupName } } : {}),
    fingerprint: await dependencyFingerprint(services, scope, recipe.body),
    ...(ouTargets.length ? { ouTargets } : {}),
  };
}

/** Starts a build of a pipeline now; records its dependency fingerprint. */
export function startPipelineBuild(services: PipelineServices, scope: Scope, p: StoredPipeline, req: BuildRequest): string {
  let arn = '';
  services.tx(() => {
    arn = services.build.builder.create(scope, req).arn;
    const st = services.build.pipelineState.get(scope, p.arn) ?? { checkedUntil: Date.parse(p.dateCreated!), consecutiveFailures: 0 };
    services.build.pipelineState.put(scope, p.arn, { ...st, ...(req.fingerprint ? { fingerprint: req.fingerprint } : {}) });
  });
  return arn;
}

/**
 * AWS's consecutiveFailures rules: a success resets it; a scheduled failure adds one and, on
 * reaching the auto-disable policy's failureCount, disables the pipeline; a manual failure (and a
 * cancellation) leaves it unchanged.
 */
export function pipelineImageSettled(services: PipelineServices, scope: Scope, image: Image): void {
  const arn = image.sourcePipelineArn;
  if (!arn) return;
  const rec = services.build.resources.get<StoredPipeline>(scope, arn);
  if (!rec) return;
  const st = services.build.pipelineState.get(scope, arn) ?? { checkedUntil: Date.parse(rec.body.dateCreated!), consecutiveFailures: 0 };
  const status = image.state?.status;
  let failures = st.consecutiveFailures;
  if (status === 'AVAILABLE') failures = 0;
  else if (status === 'FAILED' && image.buildType === 'SCHEDULED') failures += 1;
  else return;
  services.tx(() => {
    services.build.pipelineState.put(scope, arn, { ...st, consecutiveFailures: failures });
    const limit = rec.body.schedule?.autoDisablePolicy?.failureCount;
    if (limit !== undefined && failures >= limit && rec.body.status !== 'DISABLED') {
      services.build.resources.put(scope, arn, { ...rec.body, status: 'DISABLED' });
    }
  });
}
