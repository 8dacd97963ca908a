// GetImagePipeline: one pipeline with its consecutiveFailures, lastRunStatus and dateNextRun.
import type { Handler } from './handler.js';
import { loadPipeline, toImagePipeline } from './image-pipelines.js';

export const GetImagePipeline: Handler<'GetImagePipeline'> = async (input, ctx) => ({
  requestId: ctx.requestId,
  imagePipeline: toImagePipeline(ctx, loadPipeline(ctx, input.imagePipelineArn)),
});
