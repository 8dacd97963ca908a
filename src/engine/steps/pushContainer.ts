// pushContainer: pushes the container image to the Region's ECR repository once per configured
// tag (untagged when none) and records the resulting image URIs.
import type { StepDefinition } from './contract.js';

export const pushContainer: StepDefinition<'pushContainer'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const { repositoryName, containerTags: tags, imageManifest } = step.input;
    const { repositories } = await cx.cloud.ecr.describeRepositories(scope, { repositoryNames: [repositoryName] });
    const uri = repositories[0]!.repositoryUri;
    let digest = step.input.imageDigest;
    if (tags.length === 0) {
      digest = (await cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest })).image.imageId.imageDigest;
      return { done: true, output: { imageUris: [`${uri}@${digest}`], imageDigest: digest } };
    }
    for (const imageTag of tags) {
      digest = (await cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest, imageTag })).image.imageId.imageDigest;
    }
    return { done: true, output: { imageUris: tags.map((t) => `${uri}:${t}`), imageDigest: digest } };
  },
  // ECR's PutImage has no DryRun: the repository must exist.
  async check(step, c) {
    await c.cloud.ecr.describeRepositories(await c.as(step.accountId, step.region), { repositoryNames: [step.input.repositoryName] });
  },
};
