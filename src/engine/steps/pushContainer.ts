// pushContainer: pushes the container image to the Region's ECR repository once per configured
// tag (untagged when none) and records the resulting image URIs. A tag that already names this
// manifest was pushed before (a resumed step, or a drift repair where only some tags moved): ECR
// answers ImageAlreadyExistsException, which here means done, so the step stays idempotent.
import { CloudError } from '../../cloud/ports.js';
import type { StepHandler } from './context.js';

/** putImage's digest, or `known` when ECR says this manifest (with this tag) is there already. */
async function push(put: () => Promise<{ image: { imageId: { imageDigest: string } } }>, known: string): Promise<string> {
  try {
    return (await put()).image.imageId.imageDigest;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ImageAlreadyExistsException') return known;
    throw e;
  }
}

export const pushContainer: StepHandler = async (step, cx) => {
  const scope = await cx.as(step.accountId, step.region);
  const repositoryName = step.input.repositoryName as string;
  const { repositories } = await cx.cloud.ecr.describeRepositories(scope, { repositoryNames: [repositoryName] });
  const uri = repositories[0]!.repositoryUri;
  const tags = step.input.containerTags as string[];
  const imageManifest = step.input.imageManifest as string;
  let digest = step.input.imageDigest as string;
  if (tags.length === 0) {
    digest = await push(() => cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest }), digest);
    return { done: true, output: { imageUris: [`${uri}@${digest}`], imageDigest: digest } };
  }
  for (const imageTag of tags) {
    digest = await push(() => cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest, imageTag }), digest);
  }
  return { done: true, output: { imageUris: tags.map((t) => `${uri}:${t}`), imageDigest: digest } };
};
