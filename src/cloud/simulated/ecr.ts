// Simulated ECR: repositories must exist before a push (Image Builder does not create them);
// pushes are content-addressed and tags are mutable, as on ECR by default; BatchDeleteImage
// removes images by digest or tags by name (an image goes with its last tag).
import { createHash } from 'node:crypto';
import type { EcrPort } from '../ports.js';
import { ecrRepositoryArn, ecrRepositoryUri } from './arns.js';
import { enter, fail, type Ctx, type Sim } from './sim.js';
import type { RepoRec } from './records.js';

function repoOf(sim: Sim, ctx: Ctx, name: string): RepoRec {
  const repo = sim.state.repoOf(ctx.accountId, ctx.region, name);
  if (!repo) {
    throw fail(
      'ecr',
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${ctx.accountId}' in ${ctx.region}.`,
    );
  }
  return repo;
}

/** The simulated ECR port. */
export function simulatedEcr(sim: Sim): EcrPort {
  return {
    async describeRepositories(scope, input) {
      const ctx = enter(sim, 'ecr', 'DescribeRepositories', scope);
      const repos = input.repositoryNames?.length
        ? input.repositoryNames.map((n) => repoOf(sim, ctx, n))
        : [...sim.state.repos.values()].filter((r) => r.accountId === ctx.accountId && r.region === ctx.region);
      return {
        repositories: repos.map((r) => ({
          repositoryName: r.repositoryName,
          repositoryArn: ecrRepositoryArn(r.region, r.accountId, r.repositoryName),
          registryId: r.accountId,
          repositoryUri: ecrRepositoryUri(r.region, r.accountId, r.repositoryName),
        })),
      };
    },

    async putImage(scope, input) {
      const ctx = enter(sim, 'ecr', 'PutImage', scope);
      try {
        JSON.parse(input.imageManifest);
      } catch {
        // ECR's answer to a manifest that is not JSON (observed wording).
        throw fail('ecr', 'InvalidParameterException', "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
      }
      const repo = repoOf(sim, ctx, input.repositoryName);
      const imageDigest = `sha256:${createHash('sha256').update(input.imageManifest).digest('hex')}`;
      const tag = input.imageTag;
      const existing = repo.images.find((i) => i.imageDigest === imageDigest);
      if (existing && (tag === undefined || existing.imageTags.includes(tag))) {
        throw fail(
          'ecr',
          'ImageAlreadyExistsException',
          `Image with digest '${imageDigest}'${tag ? ` and tag '${tag}'` : ''} already exists in the repository with name '${repo.repositoryName}' in registry with id '${ctx.accountId}'`,
        );
      }
      // A tag names one image: pushing it again moves it.
      const images = repo.images.map((i) => ({ ...i, imageTags: i.imageTags.filter((t) => t !== tag) }));
      const now = sim.clock.now();
      const target = images.find((i) => i.imageDigest === imageDigest);
      if (target) target.imageTags.push(tag!);
      else images.push({ imageDigest, imageTags: tag ? [tag] : [], pushedAt: now, manifest: input.imageManifest });
      sim.state.putRepo({ ...repo, images });
      return { image: { registryId: ctx.accountId, repositoryName: repo.repositoryName, imageId: { imageDigest, ...(tag ? { imageTag: tag } : {}) } } };
    },

    async describeImages(scope, input) {
      const ctx = enter(sim, 'ecr', 'DescribeImages', scope);
      const repo = repoOf(sim, ctx, input.repositoryName);
      let images = repo.images;
      if (input.imageIds?.length) {
        images = input.imageIds.map((id) => {
          const found = repo.images.find(
            (i) => (id.imageDigest ? i.imageDigest === id.imageDigest : true) && (id.imageTag ? i.imageTags.includes(id.imageTag) : true),
          );
          if (!found)
            throw fail(
              'ecr',
              'ImageNotFoundException',
              `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.repositoryName}' in the registry with id '${ctx.accountId}'`,
            );
          return found;
        });
      }
      return {
        imageDetails: images.map((i) => ({
          registryId: ctx.accountId,
          repositoryName: repo.repositoryName,
          imageDigest: i.imageDigest,
          imageTags: [...i.imageTags],
          imagePushedAt: new Date(i.pushedAt).toISOString(),
        })),
      };
    },

    async batchDeleteImage(scope, input) {
      const ctx = enter(sim, 'ecr', 'BatchDeleteImage', scope);
      const repo = repoOf(sim, ctx, input.repositoryName);
      let images = repo.images.map((i) => ({ ...i, imageTags: [...i.imageTags] }));
      const deleted: { imageDigest?: string; imageTag?: string }[] = [];
      const failures: { imageId: { imageDigest?: string; imageTag?: string }; failureCode: string; failureReason: string }[] = [];
      for (const id of input.imageIds) {
        const found = images.find(
          (i) =>
            (id.imageDigest ? i.imageDigest === id.imageDigest : true) &&
            (id.imageTag ? i.imageTags.includes(id.imageTag) : true) &&
            (id.imageDigest || id.imageTag),
        );
        if (!found) {
          failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
          continue;
        }
        if (id.imageDigest) images = images.filter((i) => i !== found);
        else {
          found.imageTags = found.imageTags.filter((t) => t !== id.imageTag);
          if (found.imageTags.length === 0) images = images.filter((i) => i !== found);
        }
        deleted.push({ imageDigest: found.imageDigest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) });
      }
      sim.state.putRepo({ ...repo, images });
      return { imageIds: deleted, failures };
    },
  };
}
