// ECR BatchDeleteImage: by digest, the image with every tag; by tag, that tag (and the image with
// its last one). Ids that match nothing are per-image failures, not errors (the lifecycle port).
import type { WorldHandler } from '../world-call.js';
import { assertOwnRegistry } from './repos.js';

type ImageId = { imageDigest?: string; imageTag?: string };

export const BatchDeleteImage: WorldHandler = async (input, call) => {
  assertOwnRegistry(call.scope.accountId, input);
  const ids = input.imageIds as ImageId[];
  // An id with neither member is ECR's MissingDigestAndTag failure; the port sees only the others.
  const missing = ids.filter((id) => !id.imageDigest && !id.imageTag);
  const { imageIds, failures } = await call.ports.ecr.batchDeleteImage(call.scope, {
    repositoryName: input.repositoryName as string,
    imageIds: ids.filter((id) => id.imageDigest || id.imageTag),
  });
  return {
    imageIds,
    failures: [
      ...missing.map((imageId) => ({
        imageId,
        failureCode: 'MissingDigestAndTag',
        failureReason: 'Invalid request parameters: both tag and digest cannot be null',
      })),
      ...failures,
    ],
  };
};
