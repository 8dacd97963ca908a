// StartImagePipelineExecution: runs a pipeline now (buildType USER_INITIATED), from its current
// recipe, infrastructure and distribution configurations; `tags` go on the image.
import { pipelineBuildRequest, startPipelineBuild } from '../pipelines/pipelines.js';
import type { Handler } from './handler.js';
import { loadPipeline } from './image-pipelines.js';
import { testPause } from '../testing/pause.js';

export const StartImagePipelineExecution: Handler<'StartImagePipelineExecution'> = async (input, ctx) => {
  const p = loadPipeline(ctx, input.imagePipelineArn);
  const req = await pipelineBuildRequest(ctx.services, ctx.scope, p, 'USER_INITIATED', input.tags);
  // The build, the pipeline's state and the client-token record commit together.
  return ctx.services.tx(() => {
    const arn = startPipelineBuild(ctx.services, ctx.scope, p, req);
    const response = { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: arn };
    testPause('start-pipeline-execution');
    ctx.commitToken?.(response);
    return response;
  });
};
