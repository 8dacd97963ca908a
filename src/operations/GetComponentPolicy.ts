// GetComponentPolicy: the resource policy of one of the caller's components.
import type { Handler } from './handler.js';
import { buildResourceExists, getPolicy } from './resource-policy-operations.js';

export const GetComponentPolicy: Handler<'GetComponentPolicy'> = async (input, ctx) => ({
  requestId: ctx.requestId,
  policy: getPolicy(ctx, input.componentArn, 'componentArn', 'component', buildResourceExists(ctx)),
});
