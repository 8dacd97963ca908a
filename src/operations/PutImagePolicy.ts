// PutImagePolicy: attaches a resource policy that shares one image with the accounts it names.
import type { Handler } from './handler.js';
import { imageExists, putPolicy } from './resource-policy-operations.js';

export const PutImagePolicy: Handler<'PutImagePolicy'> = async (input, ctx) => {
  putPolicy(ctx, input.imageArn, 'imageArn', 'image', input.policy, imageExists(ctx));
  return { requestId: ctx.requestId, imageArn: input.imageArn };
};
