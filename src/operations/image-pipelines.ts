// Helpers shared by the image-pipeline operations: checking a pipeline's settings (one recipe,
// inputs that exist, a valid schedule and time zone), the stored body, and the wire form with
// consecutiveFailures, lastRunStatus, dateNextRun and tags.
import type { CreateImagePipelineRequest, ImagePipeline } from '../model/generated/types.js';
import type { StoredPipeline } from '../pipelines/pipelines.js';
import { inputArn } from '../pipelines/inputs.js';
import { assertTimezone, parseScheduleExpression } from '../pipelines/schedule-expression.js';
import { scheduleOf } from '../pipelines/scheduler.js';
import { notFound } from '../domain/arn-arguments.js';
import type { Ctx } from './handler.js';
import { allImages, compact } from './build-resources.js';
import { assertOneRecipe, resolveBuildInputs } from './image-builds.js';
import { resolveAttachedWorkflows } from '../workflows/attach.js';

type Settings = Omit<CreateImagePipelineRequest, 'name' | 'clientToken' | 'tags'>;

/** Validates a pipeline's settings and returns the stored form (without name, arn and dates). */
export function pipelineSettings(ctx: Ctx, i: Settings): ImagePipeline {
  assertOneRecipe(i);
  const inputs = resolveBuildInputs(ctx, i);
  resolveAttachedWorkflows(ctx.services, ctx.scope, i.workflows, i.executionRole);
  if (i.schedule) {
    const tz = i.schedule.timezone ?? 'UTC';
    assertTimezone(tz);
    if (i.schedule.scheduleExpression !== undefined) parseScheduleExpression(i.schedule.scheduleExpression, tz);
  }
  return compact({
    description: i.description,
    platform: inputs.recipe.body.platform,
    enhancedImageMetadataEnabled: i.enhancedImageMetadataEnabled ?? true,
    imageRecipeArn: i.imageRecipeArn,
    containerRecipeArn: i.containerRecipeArn,
    infrastructureConfigurationArn: i.infrastructureConfigurationArn,
    distributionConfigurationArn: i.distributionConfigurationArn,
    imageTestsConfiguration: {
      imageTestsEnabled: i.imageTestsConfiguration?.imageTestsEnabled ?? true,
      timeoutMinutes: i.imageTestsConfiguration?.timeoutMinutes ?? 720,
    },
    schedule: i.schedule
      ? compact({
          ...i.schedule,
          timezone: i.schedule.timezone ?? 'UTC',
          pipelineExecutionStartCondition: i.schedule.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
        })
      : undefined,
    status: i.status ?? 'ENABLED',
    imageTags: i.imageTags,
    imageScanningConfiguration: i.imageScanningConfiguration,
    workflows: i.workflows,
    executionRole: i.executionRole,
  });
}

/** The caller's pipeline named by `arn`. */
export function loadPipeline(ctx: Ctx, arn: string, param = 'imagePipelineArn'): StoredPipeline {
  inputArn(ctx.scope, arn, param, 'image-pipeline');
  const rec = ctx.services.build.resources.get<StoredPipeline>(ctx.scope, arn);
  if (!rec) throw notFound(arn);
  return { ...rec.body, arn: rec.arn };
}

/** The API representation of a pipeline. */
export function toImagePipeline(ctx: Ctx, p: StoredPipeline): ImagePipeline {
  const state = ctx.services.build.pipelineState.get(ctx.scope, p.arn);
  const last = allImages(ctx).find((i) => i.sourcePipelineArn === p.arn);
  const expr = p.status === 'ENABLED' ? scheduleOf(p) : undefined;
  const clock = ctx.services.build.clock.now();
  const next = expr?.next(Math.max(clock, state?.checkedUntil ?? 0));
  return compact({
    ...p,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    lastRunStatus: last?.state?.status,
    dateNextRun: next !== undefined ? new Date(next).toISOString() : undefined,
    tags: ctx.services.tags.get(ctx.scope, p.arn),
  });
}
