// UpdateImagePipeline: a full replacement of the pipeline's settings (name and tags stay); resets
// consecutiveFailures, and the schedule counts from the update.
import type { Handler } from './handler.js';
import { loadPipeline, pipelineSettings } from './image-pipelines.js';

export const UpdateImagePipeline: Handler<'UpdateImagePipeline'> = async (input, ctx) => {
  const p = loadPipeline(ctx, input.imagePipelineArn);
  const settings = pipelineSettings(ctx, input);
  const { resources, pipelineState, clock } = ctx.services.build;
  const now = clock.now();
  ctx.services.tx(() => {
    resources.put(ctx.scope, p.arn, {
      arn: p.arn,
      name: p.name,
      ...settings,
      loggingConfiguration: { pipelineLogGroupName: `/aws/imagebuilder/pipeline/${p.name}`, ...(input.loggingConfiguration ?? {}) },
      dateCreated: p.dateCreated,
      dateUpdated: new Date(now).toISOString(),
    });
    const st = pipelineState.get(ctx.scope, p.arn);
    pipelineState.put(ctx.scope, p.arn, { ...(st ?? {}), checkedUntil: now, consecutiveFailures: 0 });
  });
  return { requestId: ctx.requestId, clientToken: input.clientToken, imagePipelineArn: p.arn };
};
