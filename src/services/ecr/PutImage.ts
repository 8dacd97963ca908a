// ECR PutImage: pushes a manifest with an optional tag, through the port the engine's container
// distribution uses (tags move, the same manifest and tag is ImageAlreadyExistsException).
import type { WorldHandler } from '../world-call.js';
import { assertOwnRegistry } from './repos.js';

export const PutImage: WorldHandler = async (input, call) => {
  assertOwnRegistry(call.scope.accountId, input);
  const { image } = await call.ports.ecr.putImage(call.scope, {
    repositoryName: input.repositoryName as string,
    imageManifest: input.imageManifest as string,
    ...(input.imageTag !== undefined ? { imageTag: input.imageTag as string } : {}),
  });
  return {
    image: {
      ...image,
      imageManifest: input.imageManifest,
      imageManifestMediaType: (input.imageManifestMediaType as string | undefined) ?? 'application/vnd.docker.distribution.manifest.v2+json',
    },
  };
};
