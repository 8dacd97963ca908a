// ECR DescribeImages: image details of a repository (named images must exist), in pages.
import type { WorldHandler } from '../world-call.js';
import { assertOwnRegistry, byTagStatus, ecrPage, sizeOf } from './repos.js';

export const DescribeImages: WorldHandler = async (input, call) => {
  assertOwnRegistry(call.scope.accountId, input);
  const ids = input.imageIds as { imageDigest?: string; imageTag?: string }[] | undefined;
  // The port applies the repository and not-found rules (and faults) the engine sees.
  const { imageDetails } = await call.ports.ecr.describeImages(call.scope, {
    repositoryName: input.repositoryName as string,
    ...(ids?.length ? { imageIds: ids } : {}),
  });
  const r = call.sim.state.repoOf(call.scope.accountId, call.scope.region, input.repositoryName as string)!;
  const digests = new Set(byTagStatus(r.images, input).map((i) => i.imageDigest));
  const kept = imageDetails.filter((d) => ids?.length || digests.has(d.imageDigest));
  const p = ecrPage(kept, input, 100);
  return {
    imageDetails: p.items.map((d) => {
      const img = r.images.find((i) => i.imageDigest === d.imageDigest)!;
      return {
        registryId: d.registryId,
        repositoryName: d.repositoryName,
        imageDigest: d.imageDigest,
        ...(d.imageTags.length ? { imageTags: d.imageTags } : {}),
        imageSizeInBytes: sizeOf(img),
        imagePushedAt: new Date(d.imagePushedAt),
        imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        artifactMediaType: 'application/vnd.docker.container.image.v1+json',
      };
    }),
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};
