// Helpers shared by the image operations: finding the caller's image by a build or version ARN
// (wildcards resolve to the newest build) and the wire form with tags.
import { compareBuildVersions, parseImageRef, versionMatches } from '../domain/image-arn.js';
import type { Image } from '../model/generated/types.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import type { CoreCtx } from './services.js';
import { isSharedWith, sharedOwnerScope } from './resource-policies.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Terminal image states: nothing more happens to these images. */
export const TERMINAL = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']);

/** Loads an image by build ARN, or the newest build matching a version ARN (optionally AVAILABLE only). */
export function loadImage(ctx: CoreCtx, arn: string, param: string, opts: { availableOnly?: boolean; shared?: boolean } = {}): Image & { arn: string } {
  // Reading another account's image works when its owner shared it with the caller (PutImagePolicy).
  const owner = opts.shared ? sharedOwnerScope(ctx.services, ctx.scope, arn) : undefined;
  if (owner) {
    const img = loadImage({ ...ctx, scope: owner }, arn, param, { ...(opts.availableOnly ? { availableOnly: true } : {}) });
    if (!isSharedWith(ctx.services, owner, img.arn, ctx.scope.accountId)) throw notFound(arn);
    return img;
  }
  const parsed = ownArn(ctx, arn, param);
  const ref = parsed.resourceType === 'image' ? parseImageRef(parsed.resourceId) : undefined;
  if (!ref) throw new InvalidParameterValueException(invalidParameter(param, `'${arn}' is not an image ARN.`));
  if (ref.build !== undefined) {
    const img = ctx.services.images.get(ctx.scope, arn);
    if (!img) throw notFound(arn);
    return img as Image & { arn: string };
  }
  const candidates = ctx.services.images
    .buildsByName(ctx.scope, ref.name)
    .filter((i) => versionMatches(ref.version, (i.version ?? '').split('/')[0]!))
    .filter((i) => !opts.availableOnly || i.state?.status === 'AVAILABLE')
    .sort((a, b) => compareBuildVersions(a.version ?? '', b.version ?? ''));
  if (!candidates[0]) throw notFound(arn);
  return candidates[0] as Image & { arn: string };
}

/** The image with its current tags. */
export function withTags(ctx: CoreCtx, image: Image & { arn: string }): Image {
  return { ...image, tags: ctx.services.tags.get(ctx.scope, image.arn) };
}
