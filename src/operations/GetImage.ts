// GetImage: one image build version (a version ARN, with or without `x` wildcards, resolves to
// the newest build) with its state, outputs, embedded configuration snapshot and tags.
import type { Handler } from './context.js';
import { loadImage, withTags } from './images.js';

export const GetImage: Handler<'GetImage'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn', { shared: true });
  // A consumer of a shared image does not see the owner's tags (tags are per account).
  const own = image.arn.split(':')[4] === ctx.scope.accountId;
  return { requestId: ctx.requestId, image: own ? withTags(ctx, image) : { ...image, tags: {} } };
};
