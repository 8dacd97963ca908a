// GetImage: one image build version (a version ARN, with or without `x` wildcards, resolves to
// the newest build) with its state, outputs, embedded configuration snapshot and tags.
import type { Handler } from './context.js';
import { loadImage, withTags } from './images.js';

export const GetImage: Handler<'GetImage'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  return { requestId: ctx.requestId, image: withTags(ctx, image) };
};
