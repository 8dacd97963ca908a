// DeleteImagePipeline: removes the pipeline, its schedule state and tags. Its images stay.
import type { Handler } from './handler.js';
import { loadPipeline } from './image-pipelines.js';

export const DeleteImagePipeline: Handler<'DeleteImagePipeline'> = async (input, ctx) => {
  const p = loadPipeline(ctx, input.imagePipelineArn);
  ctx.services.tx(() => {
    ctx.services.build.resources.delete(ctx.scope, p.arn);
    ctx.services.build.pipelineState.delete(ctx.scope, p.arn);
    ctx.services.tags.delete(ctx.scope, p.arn);
  });
  return { requestId: ctx.requestId, imagePipelineArn: p.arn };
};
