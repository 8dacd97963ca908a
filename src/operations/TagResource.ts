// TagResource: adds or overwrites tags on an ibex resource, keeping at most 50.
import { InvalidParameterException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { assertTaggable } from './tagged-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const MAX_TAGS = 50;

export const TagResource: Handler<'TagResource'> = async (input, ctx) => {
  assertTaggable(ctx, input.resourceArn);
  const merged = { ...ctx.services.tags.get(ctx.scope, input.resourceArn), ...input.tags };
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new InvalidParameterException(
      invalidParameter('tags', `A resource can have at most ${MAX_TAGS} tags; this request would leave ${Object.keys(merged).length}.`),
    );
  }
  ctx.services.tags.set(ctx.scope, input.resourceArn, merged);
  return {};
};
