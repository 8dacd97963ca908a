// CreateInfrastructureConfiguration: where builds would run (instance types, profile, network);
// ibex simulates builds, so the settings are stored and embedded in images, not acted on.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import type { Handler } from './handler.js';
import { alreadyExists } from './build-resources.js';
import { infrastructureSettings } from './infrastructure.js';

export const CreateInfrastructureConfiguration: Handler<'CreateInfrastructureConfiguration'> = async (input, ctx) => {
  const id = idFromName(input.name);
  const arn = imagebuilderArn(ctx.scope, 'infrastructure-configuration', id);
  const { resources } = ctx.services.build;
  if (resources.get(ctx.scope, arn)) throw alreadyExists('InfrastructureConfiguration', arn);
  const dateCreated = ctx.now().toISOString();
  const response = { requestId: ctx.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: arn };
  // The resource and its client-token record: one transaction (idempotency.ts).
  ctx.services.tx(() => {
    resources.insert(ctx.scope, 'infrastructure-configuration', {
      arn,
      id,
      version: '',
      buildNumber: 0,
      body: { arn, name: input.name, ...infrastructureSettings(input), dateCreated },
      dateCreated,
    });
    if (input.tags && Object.keys(input.tags).length) ctx.services.tags.set(ctx.scope, arn, input.tags);
    ctx.commitToken?.(response);
  });
  return response;
};
