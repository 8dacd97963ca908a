// pushContainer: pushes the container image to the Region's ECR repository once per configured
// tag (untagged when none) and records the resulting image URIs.
import type { StepHandler } from './context.js';

export const pushContainer: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const repositoryName = step.input.repositoryName as string;
  const { repositories } = await cx.cloud.ecr.describeRepositories(scope, { repositoryNames: [repositoryName] });
  const uri = repositories[0]!.repositoryUri;
  const tags = step.input.containerTags as string[];
  const imageManifest = step.input.imageManifest as string;
  let digest = step.input.imageDigest as string;
  if (tags.length === 0) {
    digest = (await cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest })).image.imageId.imageDigest;
    return { done: true, output: { imageUris: [`${uri}@${digest}`], imageDigest: digest } };
  }
  for (const imageTag of tags) {
    digest = (await cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest, imageTag })).image.imageId.imageDigest;
  }
  return { done: true, output: { imageUris: tags.map((t) => `${uri}:${t}`), imageDigest: digest } };
};
