// Resource policies through the SDK: a shared image is visible (GetImage, ListImages owner Shared)
// to the named account only; a shared recipe can be read and built from the other account; bad
// policy documents get InvalidParameterValueException and change nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  GetImagePolicyCommand,
  GetImageRecipeCommand,
  GetImageRecipePolicyCommand,
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  GetComponentPolicyCommand,
  GetContainerRecipeCommand,
  GetContainerRecipePolicyCommand,
  ListComponentsCommand,
  ListContainerRecipesCommand,
  ListImageRecipesCommand,
  ListImagesCommand,
  PutComponentPolicyCommand,
  PutContainerRecipePolicyCommand,
  PutImagePolicyCommand,
  PutImageRecipePolicyCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { NOROLE, OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5, logLevel: 'silent' })));
after(() => srv.close());

const policy = (arn: string, accounts: string[], actions = ['imagebuilder:GetImage', 'imagebuilder:ListImages']) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: accounts }, Action: actions, Resource: arn }] });

describe('resource policies', () => {
  it('shares an image with the named account only', async () => {
    const owner = srv.client();
    const inputs = await buildInputs(owner, 'shared-image');
    const { imageBuildVersionArn: arn } = await owner.send(new CreateImageCommand(inputs));
    await waitForImage(owner, arn!);
    // Before sharing, the other account cannot see it.
    assert.equal((await errorOf(() => srv.client(TARGET).send(new GetImageCommand({ imageBuildVersionArn: arn })))).name, 'ResourceNotFoundException');
    assert.equal((await errorOf(() => owner.send(new GetImagePolicyCommand({ imageArn: arn })))).name, 'ResourceNotFoundException');

    const doc = policy(arn!, [`arn:aws:iam::${TARGET}:root`]);
    const put = await owner.send(new PutImagePolicyCommand({ imageArn: arn, policy: doc }));
    assert.equal(put.imageArn, arn);
    assert.equal((await owner.send(new GetImagePolicyCommand({ imageArn: arn }))).policy, doc);

    const got = (await srv.client(TARGET).send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    assert.equal(got.arn, arn);
    assert.equal(got.state?.status, 'AVAILABLE');
    const listed = (await srv.client(TARGET).send(new ListImagesCommand({ owner: 'Shared' }))).imageVersionList!;
    assert.deepEqual(
      listed.map((v) => [v.arn, v.owner]),
      [[arn!.replace(/\/\d+$/, ''), OWNER]],
    );

    // An account the policy does not name sees nothing.
    assert.equal((await errorOf(() => srv.client(NOROLE).send(new GetImageCommand({ imageBuildVersionArn: arn })))).name, 'ResourceNotFoundException');
    assert.deepEqual((await srv.client(NOROLE).send(new ListImagesCommand({ owner: 'Shared' }))).imageVersionList, []);
    // Only the owner reads or changes the policy.
    assert.equal((await errorOf(() => srv.client(TARGET).send(new GetImagePolicyCommand({ imageArn: arn })))).name, 'ResourceNotFoundException');
  });

  it('rejects bad policy documents with InvalidParameterValueException and keeps the old policy', async () => {
    const owner = srv.client();
    const inputs = await buildInputs(owner, 'bad-policies');
    const { imageBuildVersionArn: arn } = await owner.send(new CreateImageCommand(inputs));
    await waitForImage(owner, arn!);
    const good = policy(arn!, [TARGET]);
    await owner.send(new PutImagePolicyCommand({ imageArn: arn, policy: good }));
    const cases: [string, RegExp][] = [
      ['{not json', /not a valid JSON document/],
      [policy(arn!, ['*']), /cannot be public/],
      [policy(arn!, [TARGET], ['imagebuilder:DeleteImage']), /Action 'imagebuilder:DeleteImage' is not supported/],
      [policy(`${arn}x`, [TARGET]), /must be the resource the policy is attached to/],
      [JSON.stringify({ Statement: [] }), /no Statement/],
    ];
    for (const [doc, message] of cases) {
      const err = await errorOf(() => owner.send(new PutImagePolicyCommand({ imageArn: arn, policy: doc })));
      assert.equal(err.name, 'InvalidParameterValueException', doc);
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.match(err.message, message);
    }
    assert.equal((await owner.send(new GetImagePolicyCommand({ imageArn: arn }))).policy, good);
  });

  it('lets the named account read and build a shared image recipe', async () => {
    const owner = srv.client();
    const inputs = await buildInputs(owner, 'shared-recipe');
    const recipeArn = inputs.imageRecipeArn;
    await owner.send(
      new PutImageRecipePolicyCommand({
        imageRecipeArn: recipeArn,
        policy: policy(recipeArn, [TARGET], ['imagebuilder:GetImageRecipe', 'imagebuilder:ListImageRecipes']),
      }),
    );
    assert.match((await owner.send(new GetImageRecipePolicyCommand({ imageRecipeArn: recipeArn }))).policy!, /GetImageRecipe/);
    const consumer = srv.client(TARGET);
    const got = (await consumer.send(new GetImageRecipeCommand({ imageRecipeArn: recipeArn }))).imageRecipe!;
    assert.equal(got.arn, recipeArn);
    assert.equal(got.owner, OWNER);
    const shared = (await consumer.send(new ListImageRecipesCommand({ owner: 'Shared' }))).imageRecipeSummaryList!;
    assert.deepEqual(
      shared.map((s) => s.arn),
      [recipeArn],
    );
    assert.deepEqual((await srv.client(NOROLE).send(new ListImageRecipesCommand({ owner: 'Shared' }))).imageRecipeSummaryList, []);
    // The consumer builds the owner's recipe with its own infrastructure configuration.
    const infra = await consumer.send(
      new CreateInfrastructureConfigurationCommand({ name: 'consumer-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }),
    );
    const built = await consumer.send(
      new CreateImageCommand({ imageRecipeArn: recipeArn, infrastructureConfigurationArn: infra.infrastructureConfigurationArn }),
    );
    assert.match(built.imageBuildVersionArn!, new RegExp(`^arn:aws:imagebuilder:us-east-1:${TARGET}:image/shared-recipe/1\\.0\\.0/1$`));
    const img = await waitForImage(consumer, built.imageBuildVersionArn!);
    assert.equal(img.state?.status, 'AVAILABLE', img.state?.reason);
    // Another account still cannot use it.
    const err = await errorOf(() => srv.client(NOROLE).send(new GetImageRecipeCommand({ imageRecipeArn: recipeArn })));
    assert.equal(err.name, 'ResourceNotFoundException');
  });

  it('shares a component and a container recipe with the named account only', async () => {
    const owner = srv.client();
    const data =
      'name: shared\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: hello\n        action: ExecuteBash\n        inputs:\n          commands: ["echo hello"]\n';
    const componentArn = (await owner.send(new CreateComponentCommand({ name: 'shared-component', semanticVersion: '1.0.0', platform: 'Linux', data })))
      .componentBuildVersionArn!;
    await owner.send(
      new PutComponentPolicyCommand({ componentArn, policy: policy(componentArn, [TARGET], ['imagebuilder:GetComponent', 'imagebuilder:ListComponents']) }),
    );
    assert.match((await owner.send(new GetComponentPolicyCommand({ componentArn }))).policy!, new RegExp(TARGET));
    const listed = (await srv.client(TARGET).send(new ListComponentsCommand({ owner: 'Shared' }))).componentVersionList ?? [];
    assert.deepEqual(
      listed.map((c) => c.arn),
      [componentArn.replace(/\/1$/, '')],
    );
    assert.deepEqual((await srv.client(NOROLE).send(new ListComponentsCommand({ owner: 'Shared' }))).componentVersionList ?? [], []);

    const recipeArn = (
      await owner.send(
        new CreateContainerRecipeCommand({
          name: 'shared-container',
          semanticVersion: '1.0.0',
          containerType: 'DOCKER',
          parentImage: 'amazonlinux:2023',
          dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}',
          targetRepository: { service: 'ECR', repositoryName: 'app' },
          components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2/1' }],
        }),
      )
    ).containerRecipeArn!;
    await owner.send(
      new PutContainerRecipePolicyCommand({
        containerRecipeArn: recipeArn,
        policy: policy(recipeArn, [TARGET], ['imagebuilder:GetContainerRecipe', 'imagebuilder:ListContainerRecipes']),
      }),
    );
    assert.match((await owner.send(new GetContainerRecipePolicyCommand({ containerRecipeArn: recipeArn }))).policy!, /GetContainerRecipe/);
    const got = (await srv.client(TARGET).send(new GetContainerRecipeCommand({ containerRecipeArn: recipeArn }))).containerRecipe!;
    assert.deepEqual([got.arn, got.owner], [recipeArn, OWNER]);
    assert.deepEqual(
      ((await srv.client(TARGET).send(new ListContainerRecipesCommand({ owner: 'Shared' }))).containerRecipeSummaryList ?? []).map((r) => r.arn),
      [recipeArn],
    );
    const err = await errorOf(() => srv.client(NOROLE).send(new GetContainerRecipeCommand({ containerRecipeArn: recipeArn })));
    assert.equal(err.name, 'ResourceNotFoundException');
  });
});
