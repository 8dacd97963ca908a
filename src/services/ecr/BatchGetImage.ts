// ECR BatchGetImage: manifests of the named images; ids that match nothing are per-image
// failures, not errors.
import type { WorldHandler } from '../world-call.js';
import { ecrEnter, manifestOf, repoOrThrow } from './repos.js';

export const BatchGetImage: WorldHandler = async (input, call) => {
  const ctx = ecrEnter(call, 'BatchGetImage', input);
  const r = repoOrThrow(call, ctx, input.repositoryName as string);
  const images = [];
  const failures = [];
  for (const id of input.imageIds as { imageDigest?: string; imageTag?: string }[]) {
    const img = r.images.find((i) => (!id.imageDigest || i.imageDigest === id.imageDigest) && (!id.imageTag || i.imageTags.includes(id.imageTag)));
    if (!img) {
      const tagOnly = id.imageTag && id.imageDigest && r.images.some((i) => i.imageTags.includes(id.imageTag!));
      failures.push({
        imageId: id,
        failureCode: tagOnly ? 'ImageTagDoesNotMatchDigest' : id.imageTag ? 'ImageNotFound' : 'ImageNotFound',
        failureReason: tagOnly ? 'Invalid image digest for tag' : 'Requested image not found',
      });
      continue;
    }
    images.push({
      registryId: ctx.accountId,
      repositoryName: r.repositoryName,
      imageId: { imageDigest: img.imageDigest, ...(id.imageTag ? { imageTag: id.imageTag } : img.imageTags[0] ? { imageTag: img.imageTags[0] } : {}) },
      imageManifest: manifestOf(img),
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    });
  }
  return { images, failures };
};
