// ListTagsForResource: the resource's tags, `{}` when it has none.
import type { Handler } from './handler.js';
import { assertTaggable } from './tagged-resources.js';

export const ListTagsForResource: Handler<'ListTagsForResource'> = async (input, ctx) => {
  assertTaggable(ctx, input.resourceArn);
  return { tags: ctx.services.tags.get(ctx.scope, input.resourceArn) };
};
