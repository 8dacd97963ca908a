// PutComponentPolicy: attaches a resource policy that shares one component with the accounts it names.
import type { Handler } from './handler.js';
import { buildResourceExists, putPolicy } from './resource-policy-operations.js';

export const PutComponentPolicy: Handler<'PutComponentPolicy'> = async (input, ctx) => {
  putPolicy(ctx, input.componentArn, 'componentArn', 'component', input.policy, buildResourceExists(ctx));
  return { requestId: ctx.requestId, componentArn: input.componentArn };
};
