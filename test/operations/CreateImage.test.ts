// CreateImage: serialization, validation and the simulated build end to end — the build AMI from
// the parent, TESTING skipped when tests are off, distribution, workflow executions, containers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelImageCreationCommand,
  CreateContainerRecipeCommand,
  CreateImageCommand,
  GetImageCommand,
  ListWorkflowExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { LINUX_PARENT, buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5 });
});
after(() => srv.close());

describe('CreateImage serialization', () => {
  it('returns the build version ARN, the client token and latestVersionReferences', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'Serial Recipe');
    const out = await c.send(new CreateImageCommand({ ...inputs, clientToken: 'tok-serial-1' }));
    assert.equal(out.imageBuildVersionArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image/serial-recipe/1.0.0/1`);
    assert.equal(out.clientToken, 'tok-serial-1');
    assert.equal(out.latestVersionReferences?.latestVersionArn, out.imageBuildVersionArn);
    assert.ok(out.requestId);
    await waitForImage(c, out.imageBuildVersionArn!);
  });
});

describe('CreateImage validation', () => {
  it('requires exactly one recipe', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'two-recipes');
    const e = await errorOf(() =>
      c.send(new CreateImageCommand({ ...inputs, containerRecipeArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:container-recipe/x/1.0.0` })),
    );
    assert.equal(e.name, 'InvalidParameterCombinationException');
    const e2 = await errorOf(() => c.send(new CreateImageCommand({ infrastructureConfigurationArn: inputs.infrastructureConfigurationArn })));
    assert.equal(e2.name, 'InvalidParameterCombinationException');
  });

  it('answers ResourceNotFoundException for an unknown recipe or infrastructure configuration', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'missing-bits');
    const e = await errorOf(() =>
      c.send(new CreateImageCommand({ ...inputs, imageRecipeArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/nope/1.0.0` })),
    );
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal(e.$metadata.httpStatusCode, 404);
    const e2 = await errorOf(() =>
      c.send(
        new CreateImageCommand({ ...inputs, infrastructureConfigurationArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:infrastructure-configuration/nope` }),
      ),
    );
    assert.equal(e2.name, 'ResourceNotFoundException');
  });
});

describe('CreateImage behaviour', () => {
  it('builds an AMI from the Amazon parent and distributes it to another Region and account', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'Web Server', [
      { region: 'us-east-1', amiDistributionConfiguration: { name: 'web {{ imagebuilder:buildDate }}' } },
      { region: 'us-west-2', amiDistributionConfiguration: { name: 'web {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
    ]);
    const { imageBuildVersionArn: arn } = await c.send(new CreateImageCommand({ ...inputs, tags: { team: 'web' } }));
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.equal(image.name, 'Web Server');
    assert.equal(image.version, '1.0.0/1');
    assert.equal(image.buildType, 'USER_INITIATED');
    assert.equal(image.platform, 'Linux');
    assert.equal(image.imageRecipe?.arn, inputs.imageRecipeArn);
    assert.equal(image.infrastructureConfiguration?.arn, inputs.infrastructureConfigurationArn);
    assert.equal(image.distributionConfiguration?.arn, inputs.distributionConfigurationArn);
    assert.deepEqual(image.tags, { team: 'web' });
    const amis = image.outputResources?.amis ?? [];
    assert.deepEqual(amis.map((a) => `${a.region}:${a.accountId}`).sort(), [`us-east-1:${OWNER}`, `us-west-2:${OWNER}`, `us-west-2:${TARGET}`].sort());
    const world = srv.world.snapshot();
    const build = world.images.find((i) => i.imageId === amis.find((a) => a.region === 'us-east-1')!.image);
    assert.ok(build, 'the build AMI exists in the world');
    assert.equal(build.accountId, OWNER);
    assert.match(build.name, /^web \d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    assert.equal(build.description, 'Web Server recipe');
    assert.equal(build.tags.Ec2ImageBuilderArn, arn);
    for (const a of amis) assert.ok(world.images.some((i) => i.imageId === a.image && i.accountId === a.accountId && i.region === a.region));

    const wf = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.deepEqual(
      wf.workflowExecutions?.map((w) => `${w.type}:${w.status}`),
      ['BUILD:COMPLETED', 'TEST:COMPLETED', 'DISTRIBUTION:COMPLETED'],
    );
  });

  it('keeps the build AMI in the build Region without a distribution configuration, and skips TESTING when tests are off', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'plain');
    const { imageBuildVersionArn: arn } = await c.send(new CreateImageCommand({ ...inputs, imageTestsConfiguration: { imageTestsEnabled: false } }));
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE');
    const [ami] = image.outputResources?.amis ?? [];
    assert.equal(ami?.region, 'us-east-1');
    assert.match(ami!.name!, /^plain \d{4}-/);
    const rec = srv.world.snapshot().images.find((i) => i.imageId === ami!.image)!;
    assert.equal(rec.platform, 'Linux');
    const wf = await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }));
    assert.deepEqual(
      wf.workflowExecutions?.map((w) => w.type),
      ['BUILD'],
    );
  });

  it('counts build numbers per name and version', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'counted');
    const a = await c.send(new CreateImageCommand(inputs));
    const b = await c.send(new CreateImageCommand(inputs));
    assert.match(a.imageBuildVersionArn!, /\/counted\/1\.0\.0\/1$/);
    assert.match(b.imageBuildVersionArn!, /\/counted\/1\.0\.0\/2$/);
    assert.equal(b.latestVersionReferences?.latestPatchVersionArn, b.imageBuildVersionArn);
    await waitForImage(c, a.imageBuildVersionArn!);
    await waitForImage(c, b.imageBuildVersionArn!);
  });

  it('fails the image when the parent AMI no longer resolves', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'orphan');
    srv.world.merge({ accounts: [{ id: '137112412989', images: [] }] });
    // Deregister the parent through the port, as its owner.
    await srv.world.ports.ec2.deregisterImage({ accountId: '137112412989', region: 'us-east-1' }, { imageId: LINUX_PARENT });
    const { imageBuildVersionArn: arn } = await c.send(new CreateImageCommand(inputs));
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'FAILED');
    assert.match(image.state?.reason ?? '', /Build failed/);
    srv.world.reset();
  });

  it('pushes a container build to the recipe repository and records its two URIs', async () => {
    const c = srv.client();
    const { infrastructureConfigurationArn } = await buildInputs(c, 'container-base');
    const recipe = await c.send(
      new CreateContainerRecipeCommand({
        name: 'web-app',
        semanticVersion: '2.1.0',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
        targetRepository: { service: 'ECR', repositoryName: 'web-app' },
        components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1' }],
      }),
    );
    const { imageBuildVersionArn: arn } = await c.send(
      new CreateImageCommand({ containerRecipeArn: recipe.containerRecipeArn, infrastructureConfigurationArn }),
    );
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.equal(image.type, 'DOCKER');
    const uris = image.outputResources?.containers?.[0]?.imageUris ?? [];
    // Two URIs, as AWS reports (Terraform's acceptance test counts them): the build's tag and latest.
    assert.deepEqual(uris, [`${OWNER}.dkr.ecr.us-east-1.amazonaws.com/web-app:2.1.0-1`, `${OWNER}.dkr.ecr.us-east-1.amazonaws.com/web-app:latest`]);
    const repo = srv.world.snapshot().ecrRepositories.find((r) => r.repositoryName === 'web-app' && r.region === 'us-east-1')!;
    assert.ok(repo.images.some((i) => i.imageTags.includes('2.1.0-1') && i.imageTags.includes('latest')));
  });

  it('cancels an image during its build', async () => {
    const c = srv.client();
    srv.world.setTimings({ buildMs: 60_000 });
    try {
      const inputs = await buildInputs(c, 'cancelled');
      const { imageBuildVersionArn: arn } = await c.send(new CreateImageCommand(inputs));
      for (let i = 0; i < 200; i++) {
        const { image } = await c.send(new GetImageCommand({ imageBuildVersionArn: arn }));
        if (image?.state?.status === 'BUILDING') break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
      const image = await waitForImage(c, arn!);
      assert.equal(image.state?.status, 'CANCELLED');
    } finally {
      srv.world.setTimings({ buildMs: 0 });
    }
  });
});
