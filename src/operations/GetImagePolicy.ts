// GetImagePolicy: the resource policy of one of the caller's images.
import type { Handler } from './handler.js';
import { imageExists, getPolicy } from './resource-policy-operations.js';

export const GetImagePolicy: Handler<'GetImagePolicy'> = async (input, ctx) => ({
  requestId: ctx.requestId,
  policy: getPolicy(ctx, input.imageArn, 'imageArn', 'image', imageExists(ctx)),
});
