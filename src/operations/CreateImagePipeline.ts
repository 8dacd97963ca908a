// CreateImagePipeline: a pipeline (one recipe, infrastructure, optional distribution configuration
// and schedule). Its inputs must exist; the schedule must be a valid AWS cron or rate expression.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import type { Handler } from './handler.js';
import { alreadyExists } from './build-resources.js';
import { pipelineSettings } from './image-pipelines.js';

export const CreateImagePipeline: Handler<'CreateImagePipeline'> = async (input, ctx) => {
  const settings = pipelineSettings(ctx, input);
  const id = idFromName(input.name);
  const arn = imagebuilderArn(ctx.scope, 'image-pipeline', id);
  const { resources, pipelineState, clock } = ctx.services.build;
  if (resources.get(ctx.scope, arn)) throw alreadyExists('ImagePipeline', arn);
  // Pipeline dates come from the scheduler's clock: schedules count from them.
  const now = clock.now();
  const dateCreated = new Date(now).toISOString();
  const response = { requestId: ctx.requestId, clientToken: input.clientToken, imagePipelineArn: arn };
  // The resource and its client-token record: one transaction (idempotency.ts).
  ctx.services.tx(() => {
    resources.insert(ctx.scope, 'image-pipeline', {
      arn,
      id,
      version: '',
      buildNumber: 0,
      body: {
        arn,
        name: input.name,
        ...settings,
        loggingConfiguration: { pipelineLogGroupName: `/aws/imagebuilder/pipeline/${input.name}`, ...(input.loggingConfiguration ?? {}) },
        dateCreated,
        // AWS sets dateUpdated at create (Terraform's acceptance tests read it); Update moves it.
        dateUpdated: dateCreated,
      },
      dateCreated,
    });
    pipelineState.put(ctx.scope, arn, { checkedUntil: now, consecutiveFailures: 0 });
    if (input.tags && Object.keys(input.tags).length) ctx.services.tags.set(ctx.scope, arn, input.tags);
    ctx.commitToken?.(response);
  });
  return response;
};
