// UntagResource: removes the named tag keys (unknown keys are ignored, as AWS does).
import type { Handler } from './handler.js';
import { assertTaggable } from './tagged-resources.js';

export const UntagResource: Handler<'UntagResource'> = async (input, ctx) => {
  assertTaggable(ctx, input.resourceArn);
  const tags = { ...ctx.services.tags.get(ctx.scope, input.resourceArn) };
  for (const k of input.tagKeys) delete tags[k];
  ctx.services.tags.set(ctx.scope, input.resourceArn, tags);
  return {};
};
