// GetImage: one image build version (a version ARN, with or without `x` wildcards, resolves to
// the newest build) with its state, outputs, embedded configuration snapshot and tags — the
// caller's images, or Amazon-managed ones (`arn:aws:imagebuilder:<region>:aws:image/…`), which
// is how Terraform's `aws_imagebuilder_image` data source finds the latest base image.
import { amazonImages } from '../pipelines/amazon.js';
import { inputArn } from '../pipelines/inputs.js';
import { newest } from '../domain/versions.js';
import { parseImageRef } from '../domain/image-arn.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { notFound } from '../domain/arn-arguments.js';
import type { Ctx, Handler } from './handler.js';
import { amazonImageRecord } from './image-lists.js';
import { loadImage, withTags } from '../app/images.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

async function loadAmazonImage(ctx: Ctx, arn: string) {
  const p = inputArn(ctx.scope, arn, 'imageBuildVersionArn', 'image', { amazon: true });
  const ref = parseImageRef(p.resourceId);
  if (!ref) throw new InvalidParameterValueException(invalidParameter('imageBuildVersionArn', `'${arn}' is not an image ARN.`));
  // Amazon's images have one build each: `/1`.
  const candidates = (await amazonImages(ctx.services.cloud, ctx.scope)).filter((i) => i.id === ref.name && (ref.build === undefined || ref.build === 1));
  const found = newest(candidates, (i) => i.version, ref.version);
  if (!found) throw notFound(arn);
  return amazonImageRecord(found);
}

export const GetImage: Handler<'GetImage'> = async (input, ctx) => {
  if (/^arn:[\w-]+:imagebuilder:[^:]*:aws:/.test(input.imageBuildVersionArn ?? '')) {
    return { requestId: ctx.requestId, image: await loadAmazonImage(ctx, input.imageBuildVersionArn) };
  }
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn', { shared: true });
  // A consumer of a shared image does not see the owner's tags (tags are per account).
  const own = image.arn.split(':')[4] === ctx.scope.accountId;
  return { requestId: ctx.requestId, image: own ? withTags(ctx, image) : { ...image, tags: {} } };
};
