// DeleteImage: deletes the Image Builder record of one build version and its tags; its AMIs,
// snapshots and container images stay. An image still being built answers ResourceDependencyException.
import { InvalidParameterValueException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { TERMINAL, loadImage } from '../app/images.js';
import { dependencyError } from './build-resources.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const DeleteImage: Handler<'DeleteImage'> = async (input, ctx) => {
  if (!/\/\d+$/.test(input.imageBuildVersionArn)) {
    throw new InvalidParameterValueException(invalidParameter('imageBuildVersionArn', 'Name an image build version (…/x.y.z/n).'));
  }
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  if (!TERMINAL.has(image.state?.status ?? 'PENDING')) throw dependencyError(image.arn);
  ctx.services.tx(() => {
    ctx.services.images.delete(ctx.scope, image.arn);
    ctx.services.tags.delete(ctx.scope, image.arn);
  });
  return { requestId: ctx.requestId, imageBuildVersionArn: image.arn };
};
