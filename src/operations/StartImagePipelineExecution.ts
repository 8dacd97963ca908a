// StartImagePipelineExecution: runs a pipeline now (buildType USER_INITIATED), from its current
// recipe, infrastructure and distribution configurations; `tags` go on the image.
import { pipelineBuildRequest, startPipelineBuild } from '../build/pipelines.js';
import type { Handler } from './context.js';
import { loadPipeline } from './image-pipelines.js';

export const StartImagePipelineExecution: Handler<'StartImagePipelineExecution'> = async (input, ctx) => {
  const p = loadPipeline(ctx, input.imagePipelineArn);
  const req = await pipelineBuildRequest(ctx.services, ctx.scope, p, 'USER_INITIATED', input.tags);
  const arn = startPipelineBuild(ctx.services, ctx.scope, p, req);
  return { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: arn };
};
