// Build inputs: image and container recipes, components and infrastructure configurations
// (create/get/list/delete/update): serialization, validation (versions, duplicates, missing
// references) and behaviour (wildcards resolve to the newest, Amazon-owned components, dependencies).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteComponentCommand,
  DeleteImageRecipeCommand,
  GetComponentCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  ListImageRecipesCommand,
  ListInfrastructureConfigurationsCommand,
  UpdateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER, SOURCE_AMI, WINDOWS_AMI } from '../helpers/world.js';
import { amazonImageArn, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld() });
});
after(() => srv.close());
const arn = (type: string, id: string) => `arn:aws:imagebuilder:us-east-1:${OWNER}:${type}/${id}`;
const doc =
  'name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: hi\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';

describe('image recipes', () => {
  it('creates versions, resolves wildcards to the newest and lists them (serialization)', async () => {
    const c = srv.client();
    for (const v of ['1.0.0', '1.2.0', '1.10.1']) {
      await c.send(new CreateImageRecipeCommand({ name: 'Golden', semanticVersion: v, parentImage: SOURCE_AMI, tags: { v } }));
    }
    const got = await c.send(new GetImageRecipeCommand({ imageRecipeArn: arn('image-recipe', 'golden/1.x.x') }));
    assert.equal(got.imageRecipe?.arn, arn('image-recipe', 'golden/1.10.1'));
    assert.equal(got.imageRecipe?.name, 'Golden');
    assert.equal(got.imageRecipe?.platform, 'Linux');
    assert.equal(got.imageRecipe?.owner, OWNER);
    assert.deepEqual(got.imageRecipe?.tags, { v: '1.10.1' });
    assert.equal(got.latestVersionReferences?.latestVersionArn, arn('image-recipe', 'golden/1.10.1'));
    const list = await c.send(new ListImageRecipesCommand({ filters: [{ name: 'name', values: ['Golden'] }] }));
    assert.equal(list.imageRecipeSummaryList?.length, 3);
    const amazon = await c.send(new ListImageRecipesCommand({ owner: 'Amazon' }));
    assert.deepEqual(amazon.imageRecipeSummaryList, []);
  });

  it('takes the platform of a Windows parent and accepts an Amazon-managed parent ARN', async () => {
    const c = srv.client();
    await c.send(new CreateImageRecipeCommand({ name: 'win', semanticVersion: '1.0.0', parentImage: WINDOWS_AMI }));
    assert.equal((await c.send(new GetImageRecipeCommand({ imageRecipeArn: arn('image-recipe', 'win/1.0.0') }))).imageRecipe?.platform, 'Windows');
    await c.send(
      new CreateImageRecipeCommand({
        name: 'al-win',
        semanticVersion: '1.0.0',
        parentImage: amazonImageArn('us-east-1', 'windows_server-2022-english-full-base'),
      }),
    );
    assert.equal((await c.send(new GetImageRecipeCommand({ imageRecipeArn: arn('image-recipe', 'al-win/1.0.0') }))).imageRecipe?.platform, 'Windows');
  });

  it('rejects a used name and version, a bad version, and missing parents or components (validation)', async () => {
    const c = srv.client();
    await c.send(new CreateImageRecipeCommand({ name: 'dup', semanticVersion: '1.0.0', parentImage: SOURCE_AMI }));
    const e = await errorOf(() => c.send(new CreateImageRecipeCommand({ name: 'DUP', semanticVersion: '1.0.0', parentImage: SOURCE_AMI })));
    assert.equal(e.name, 'ResourceAlreadyExistsException');
    assert.equal(e.message, `The following resource 'ImageRecipe' already exists: '${arn('image-recipe', 'dup/1.0.0')}'.`);
    assert.equal(
      (await errorOf(() => c.send(new CreateImageRecipeCommand({ name: 'big', semanticVersion: '1073741824.0.0', parentImage: SOURCE_AMI })))).name,
      'InvalidVersionNumberException',
    );
    assert.equal(
      (await errorOf(() => c.send(new CreateImageRecipeCommand({ name: 'wild', semanticVersion: '1.x.0', parentImage: SOURCE_AMI })))).name,
      'InvalidVersionNumberException',
    );
    assert.equal(
      (await errorOf(() => c.send(new CreateImageRecipeCommand({ name: 'no-parent', semanticVersion: '1.0.0', parentImage: 'ami-0123456789abcdef9' })))).name,
      'ResourceNotFoundException',
    );
    const comp = await errorOf(() =>
      c.send(
        new CreateImageRecipeCommand({
          name: 'no-comp',
          semanticVersion: '1.0.0',
          parentImage: SOURCE_AMI,
          components: [{ componentArn: arn('component', 'nope/1.0.0/1') }],
        }),
      ),
    );
    assert.equal(comp.name, 'ResourceNotFoundException');
    const none = await c.send(new ListImageRecipesCommand({ filters: [{ name: 'name', values: ['no-comp', 'no-parent', 'big'] }] }));
    assert.equal(none.imageRecipeSummaryList?.length, 0);
  });
});

describe('components', () => {
  it('creates a component, lists build versions and Amazon-owned components', async () => {
    const c = srv.client();
    const out = await c.send(new CreateComponentCommand({ name: 'hello', semanticVersion: '1.0.0', platform: 'Linux', data: doc }));
    assert.equal(out.componentBuildVersionArn, arn('component', 'hello/1.0.0/1'));
    const got = await c.send(new GetComponentCommand({ componentBuildVersionArn: out.componentBuildVersionArn }));
    assert.equal(got.component?.type, 'BUILD');
    assert.equal(got.component?.state?.status, 'ACTIVE');
    const builds = await c.send(new ListComponentBuildVersionsCommand({ componentVersionArn: arn('component', 'hello/1.0.0') }));
    assert.deepEqual(
      builds.componentSummaryList?.map((s) => s.arn),
      [out.componentBuildVersionArn],
    );
    const amazon = await c.send(new ListComponentsCommand({ owner: 'Amazon', filters: [{ name: 'platform', values: ['Linux'] }] }));
    assert.ok(amazon.componentVersionList!.length >= 2);
    assert.ok(amazon.componentVersionList!.every((v) => v.owner === 'Amazon' && v.arn!.includes(':aws:component/')));
    const own = await c.send(new ListComponentsCommand({}));
    assert.deepEqual(
      own.componentVersionList?.map((v) => v.arn),
      [arn('component', 'hello/1.0.0')],
    );
  });

  it('rejects invalid YAML, data and uri together, and a duplicate version', async () => {
    const c = srv.client();
    assert.equal(
      (await errorOf(() => c.send(new CreateComponentCommand({ name: 'bad', semanticVersion: '1.0.0', platform: 'Linux', data: 'a: [' })))).name,
      'InvalidParameterValueException',
    );
    assert.equal(
      (await errorOf(() => c.send(new CreateComponentCommand({ name: 'both', semanticVersion: '1.0.0', platform: 'Linux', data: doc, uri: 's3://b/k.yaml' }))))
        .name,
      'InvalidParameterCombinationException',
    );
    await c.send(new CreateComponentCommand({ name: 'once', semanticVersion: '1.0.0', platform: 'Linux', data: doc }));
    assert.equal(
      (await errorOf(() => c.send(new CreateComponentCommand({ name: 'once', semanticVersion: '1.0.0', platform: 'Linux', data: doc })))).name,
      'ResourceAlreadyExistsException',
    );
  });

  it('blocks deleting a component a recipe uses, and deletes it afterwards', async () => {
    const c = srv.client();
    const { componentBuildVersionArn } = await c.send(new CreateComponentCommand({ name: 'used', semanticVersion: '2.0.0', platform: 'Linux', data: doc }));
    await c.send(
      new CreateImageRecipeCommand({
        name: 'user',
        semanticVersion: '1.0.0',
        parentImage: SOURCE_AMI,
        components: [{ componentArn: arn('component', 'used/2.x.x') }],
      }),
    );
    assert.equal((await errorOf(() => c.send(new DeleteComponentCommand({ componentBuildVersionArn })))).name, 'ResourceDependencyException');
    await c.send(new DeleteImageRecipeCommand({ imageRecipeArn: arn('image-recipe', 'user/1.0.0') }));
    await c.send(new DeleteComponentCommand({ componentBuildVersionArn }));
    assert.equal((await errorOf(() => c.send(new GetComponentCommand({ componentBuildVersionArn })))).name, 'ResourceNotFoundException');
  });
});

describe('infrastructure configurations', () => {
  it('creates, updates (full replacement), gets and lists', async () => {
    const c = srv.client();
    const { infrastructureConfigurationArn: a } = await c.send(
      new CreateInfrastructureConfigurationCommand({
        name: 'Build Boxes',
        instanceProfileName: 'p1',
        description: 'd',
        instanceTypes: ['m5.large'],
        tags: { t: '1' },
      }),
    );
    assert.equal(a, arn('infrastructure-configuration', 'build-boxes'));
    await c.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: a, instanceProfileName: 'p2' }));
    const got = (await c.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: a }))).infrastructureConfiguration!;
    assert.equal(got.name, 'Build Boxes');
    assert.equal(got.instanceProfileName, 'p2');
    assert.equal(got.description, undefined);
    assert.equal(got.instanceTypes, undefined);
    assert.ok(got.dateUpdated);
    assert.deepEqual(got.tags, { t: '1' });
    const list = await c.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'name', values: ['Build Boxes'] }] }));
    assert.deepEqual(
      list.infrastructureConfigurationSummaryList?.map((s) => s.arn),
      [a],
    );
    const e = await errorOf(() => c.send(new CreateInfrastructureConfigurationCommand({ name: 'build boxes', instanceProfileName: 'p' })));
    assert.equal(e.name, 'ResourceAlreadyExistsException');
    const bad = await errorOf(() => c.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'color', values: ['x'] }] })));
    assert.equal(bad.name, 'InvalidParameterValueException');
  });
});
