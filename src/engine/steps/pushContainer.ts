// pushContainer: pushes the container image to the Region's ECR repository once per configured
// tag (untagged when none) and records the resulting image URIs. A tag that already names this
// manifest was pushed before (a resumed step, or a drift repair where only some tags moved): ECR
// answers ImageAlreadyExistsException, which here means done, so the step stays idempotent.
import { CloudError } from '../../cloud/ports.js';
import type { StepDefinition } from './contract.js';

/** putImage's digest, or `known` when ECR says this manifest (with this tag) is there already. */
async function push(put: () => Promise<{ image: { imageId: { imageDigest: string } } }>, known: string): Promise<string> {
  try {
    return (await put()).image.imageId.imageDigest;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ImageAlreadyExistsException') return known;
    throw e;
  }
}

export const pushContainer: StepDefinition<'pushContainer'> = {
  async run(step, cx) {
    const scope = await cx.as(step.accountId, step.region);
    const { repositoryName, containerTags: tags, imageManifest } = step.input;
    const { repositories } = await cx.cloud.ecr.describeRepositories(scope, { repositoryNames: [repositoryName] });
    const uri = repositories[0]!.repositoryUri;
    let digest = step.input.imageDigest;
    if (tags.length === 0) {
      digest = await push(() => cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest }), digest);
      return { done: true, output: { imageUris: [`${uri}@${digest}`], imageDigest: digest } };
    }
    for (const imageTag of tags) {
      digest = await push(() => cx.cloud.ecr.putImage(scope, { repositoryName, imageManifest, imageTag }), digest);
    }
    return { done: true, output: { imageUris: tags.map((t) => `${uri}:${t}`), imageDigest: digest } };
  },
  // ECR's PutImage has no DryRun: the repository must exist.
  async check(step, c) {
    await c.cloud.ecr.describeRepositories(await c.as(step.accountId, step.region), { repositoryNames: [step.input.repositoryName] });
  },
};
