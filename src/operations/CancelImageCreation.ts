// CancelImageCreation: stops an image that is still being created or distributed. Steps already
// executing finish; nothing new starts; the image ends CANCELLED with what arrived recorded.
import { InvalidRequestException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { TERMINAL, loadImage } from '../app/images.js';

export const CancelImageCreation: Handler<'CancelImageCreation'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  const status = image.state?.status ?? 'PENDING';
  if (TERMINAL.has(status)) {
    throw new InvalidRequestException(`The image '${image.arn}' is ${status}; only an image that is being created can be cancelled.`);
  }
  ctx.services.images.put(ctx.scope, { ...image, state: { status: 'CANCELLED', reason: 'The image creation was cancelled.' } });
  ctx.services.distribution.cancel(ctx.scope, image.arn);
  ctx.services.workflows.engine.cancelImage(ctx.scope, image.arn);
  return { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
};
