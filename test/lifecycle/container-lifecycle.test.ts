// Container lifecycle through the SDK: a CONTAINER_IMAGE policy's DELETE (COUNT 1, containers
// included) deletes the older images' ECR images from the world's repository — by digest, so the
// `latest` tag that moved to the newest image stays — records each repository as a resource with
// its image URIs, and StartResourceStateUpdate DELETED with includeResources.containers does the
// same for one image (refused for an AMI image).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateContainerRecipeCommand,
  CreateImageCommand,
  CreateInfrastructureConfigurationCommand,
  CreateLifecyclePolicyCommand,
  GetImageCommand,
  GetLifecycleExecutionCommand,
  ListLifecycleExecutionResourcesCommand,
  StartResourceStateUpdateCommand,
  type LifecycleExecutionResource,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
let recipeArn = '';
let infraArn = '';
const REPO_URI = `${OWNER}.dkr.ecr.us-east-1.amazonaws.com/web-app`;

before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5, logLevel: 'silent' });
  const c = srv.client();
  recipeArn = (
    await c.send(
      new CreateContainerRecipeCommand({
        name: 'web-app',
        semanticVersion: '2.1.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
        targetRepository: { service: 'ECR', repositoryName: 'web-app' },
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1' }],
      }),
    )
  ).containerRecipeArn!;
  infraArn = (
    await c.send(new CreateInfrastructureConfigurationCommand({ name: 'containers-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }))
  ).infrastructureConfigurationArn!;
});
after(() => srv.close());

async function containerImage(): Promise<string> {
  const { imageBuildVersionArn } = await srv.client().send(new CreateImageCommand({ containerRecipeArn: recipeArn, infrastructureConfigurationArn: infraArn }));
  const img = await waitForImage(srv.client(), imageBuildVersionArn!);
  assert.equal(img.state?.status, 'AVAILABLE', img.state?.reason);
  return imageBuildVersionArn!;
}

/** The repository's images in the world, as their tag lists. */
const repoTags = () =>
  srv.world
    .snapshot()
    .ecrRepositories.find((r) => r.repositoryName === 'web-app' && r.region === 'us-east-1')!
    .images.map((i) => [...i.imageTags].sort().join(','))
    .sort();

async function finished(id: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const s = (await srv.client().send(new GetLifecycleExecutionCommand({ lifecycleExecutionId: id }))).lifecycleExecution!.state!.status!;
    if (!['IN_PROGRESS', 'CANCELLING', 'PENDING'].includes(s)) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${id} never finished`);
}

const children = async (id: string, parentResourceId: string): Promise<LifecycleExecutionResource[]> =>
  (await srv.client().send(new ListLifecycleExecutionResourcesCommand({ lifecycleExecutionId: id, parentResourceId }))).resources!;

describe('container lifecycle', () => {
  it('a CONTAINER_IMAGE DELETE policy deletes the older images and their ECR images, keeping the newest', async () => {
    const [a, b, newest] = [await containerImage(), await containerImage(), await containerImage()];
    assert.deepEqual(repoTags(), ['2.1.0-1', '2.1.0-2', '2.1.0-3,latest']);
    const { lifecyclePolicyArn } = await srv.client().send(
      new CreateLifecyclePolicyCommand({
        name: 'containers',
        executionRole: 'LifecycleRole',
        resourceType: 'CONTAINER_IMAGE',
        policyDetails: [{ action: { type: 'DELETE', includeResources: { containers: true } }, filter: { type: 'COUNT', value: 1 } }],
        resourceSelection: { recipes: [{ name: 'web-app', semanticVersion: '2.1.0' }] },
      }),
    );
    const r = await fetch(`${srv.url}/_ibex/lifecycle/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lifecyclePolicyArn, wait: true }),
    });
    const run = (await r.json()) as { lifecycleExecutionId: string };
    assert.equal(r.status, 200, JSON.stringify(run));
    assert.equal(await finished(run.lifecycleExecutionId), 'SUCCESS');
    // Only the newest image's ECR image is left, with the latest tag.
    assert.deepEqual(repoTags(), ['2.1.0-3,latest']);
    for (const arn of [a, b]) {
      assert.equal((await errorOf(() => srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn })))).name, 'ResourceNotFoundException');
    }
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: newest }))).image!.state?.status, 'AVAILABLE');
    const ofA = await children(run.lifecycleExecutionId, a);
    assert.deepEqual(
      ofA.map((x) => [x.resourceId, x.region, x.accountId, x.action?.name, x.state?.status, x.imageUris]),
      [[`${REPO_URI}:2.1.0-1`, 'us-east-1', OWNER, 'DELETE', 'SUCCESS', [`${REPO_URI}:2.1.0-1`, `${REPO_URI}:latest`]]],
    );
    // latest had moved to the newest image: it is kept, and said so.
    assert.match(ofA[0]!.state!.reason!, /the tag\(s\) latest name another image now and were kept/);
    assert.deepEqual(await children(run.lifecycleExecutionId, newest), []);
  });

  it('StartResourceStateUpdate DELETED with includeResources.containers deletes one image and its ECR image', async () => {
    const arn = await containerImage();
    const before = repoTags();
    const { lifecycleExecutionId } = await srv.client().send(
      new StartResourceStateUpdateCommand({
        resourceArn: arn,
        state: { status: 'DELETED' },
        executionRole: 'LifecycleRole',
        includeResources: { containers: true },
      }),
    );
    assert.equal(await finished(lifecycleExecutionId!), 'SUCCESS');
    assert.equal((await errorOf(() => srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn })))).name, 'ResourceNotFoundException');
    const version = arn.split('/').slice(-2).join('-');
    // Its image went with both tags (latest pointed at it).
    assert.deepEqual(
      repoTags(),
      before.filter((t) => t !== `${version},latest`),
    );
    const [res] = await children(lifecycleExecutionId!, arn);
    assert.equal(res!.state?.status, 'SUCCESS');
    assert.equal(res!.state?.reason, undefined);
  });

  it('refuses includeResources.containers for an AMI image, changing nothing', async () => {
    const inputs = await buildInputs(srv.client(), 'ami-for-containers');
    const { imageBuildVersionArn: arn } = await srv.client().send(new CreateImageCommand(inputs));
    assert.equal((await waitForImage(srv.client(), arn!)).state?.status, 'AVAILABLE');
    const err = await errorOf(() =>
      srv.client().send(
        new StartResourceStateUpdateCommand({
          resourceArn: arn,
          state: { status: 'DELETED' },
          executionRole: 'LifecycleRole',
          includeResources: { containers: true },
        }),
      ),
    );
    assert.equal(err.name, 'InvalidRequestException');
    assert.match(err.message, /Only a container image has container images to delete/);
    assert.equal((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!.state?.status, 'AVAILABLE');
  });
});
