// UpdateInfrastructureConfiguration: a full replacement of the settings (name and tags stay);
// sets dateUpdated. Images already built keep their own snapshot.
import { loadInfrastructure } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { infrastructureSettings } from './infrastructure.js';

export const UpdateInfrastructureConfiguration: Handler<'UpdateInfrastructureConfiguration'> = async (input, ctx) => {
  const rec = loadInfrastructure(ctx.services, ctx.scope, input.infrastructureConfigurationArn);
  ctx.services.build.resources.put(ctx.scope, rec.arn, {
    arn: rec.arn,
    name: rec.body.name,
    ...infrastructureSettings(input),
    dateCreated: rec.body.dateCreated,
    dateUpdated: ctx.now().toISOString(),
  });
  return { requestId: ctx.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: rec.arn };
};
