// DeleteInfrastructureConfiguration: removes the configuration and its tags; a pipeline that uses
// it blocks the delete with ResourceDependencyException.
import { loadInfrastructure } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { assertNoPipelineUses } from './build-resources.js';

export const DeleteInfrastructureConfiguration: Handler<'DeleteInfrastructureConfiguration'> = async (input, ctx) => {
  const rec = loadInfrastructure(ctx.services, ctx.scope, input.infrastructureConfigurationArn);
  assertNoPipelineUses(ctx, 'infrastructureConfigurationArn', rec.arn);
  ctx.services.tx(() => {
    ctx.services.build.resources.delete(ctx.scope, rec.arn);
    ctx.services.tags.delete(ctx.scope, rec.arn);
  });
  return { requestId: ctx.requestId, infrastructureConfigurationArn: rec.arn };
};
