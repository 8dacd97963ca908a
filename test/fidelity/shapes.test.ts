// Regression (#20): shapes and codes Terraform and the SDKs read — a pipeline's dateUpdated right
// after create, and EC2's OperationNotPermitted for a public share under block public access
// (in the preflight and in the run), auto-versioned recipes (`1.0.x`, Nov 2025).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateImageRecipeCommand,
  GetImageRecipeCommand,
  CreateImagePipelineCommand,
  DistributeImageCommand,
  GetImagePipelineCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, SOURCE_AMI } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), runner: { pollMs: 5 }, buildPollMs: 5 });
});
after(() => srv.close());

describe('pipeline dates', () => {
  it('has dateUpdated (equal to dateCreated) right after CreateImagePipeline', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'dated');
    const { imagePipelineArn } = await c.send(new CreateImagePipelineCommand({ name: 'dated', ...inputs }));
    const { imagePipeline: p } = await c.send(new GetImagePipelineCommand({ imagePipelineArn }));
    assert.match(p?.dateCreated ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(p?.dateUpdated, p?.dateCreated);
  });
});

describe('block public access for AMIs', () => {
  it('fails a public share with OperationNotPermitted, predicted by the plan and seen in the run', async () => {
    const c = srv.client();
    // testWorld() turns block public access on for the owner in eu-west-1.
    const { distributionConfigurationArn: cfg } = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'public-eu',
        distributions: [
          { region: 'eu-west-1', amiDistributionConfiguration: { name: 'pub {{ imagebuilder:buildDate }}', launchPermission: { userGroups: ['all'] } } },
        ],
      }),
    );
    const res = await fetch(`${srv.url}/_ibex/plan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ distributionConfigurationArn: cfg, sourceImage: SOURCE_AMI }),
    });
    const plan = (await res.json()) as { jobs: { key: string; outcome: string; cause?: { code: string } }[] };
    assert.deepEqual(
      plan.jobs.filter((j) => j.outcome === 'fail').map((j) => [j.key, j.cause?.code]),
      [['launchPermission:eu-west-1', 'OperationNotPermitted']],
    );
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'EC2ImageBuilderDistributionRole' }),
    );
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'FAILED');
    const exec = (await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!.find((e) => e.type === 'DISTRIBUTION')!;
    const steps = (await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: exec.workflowExecutionId! }))).steps!;
    const share = steps.find((s) => s.name === 'launchPermission:eu-west-1')!;
    assert.equal(share.status, 'FAILED');
    assert.match(share.message ?? '', new RegExp(`block public access for AMIs is enabled for this account \\(${OWNER}\\)`));
  });
});

describe('auto-versioned recipes (an x in semanticVersion)', () => {
  it('gives each new recipe the next version, and CreateImage resolves the wildcard ARN to the newest', async () => {
    const c = srv.client();
    const { imageRecipeArn: parentArn } = await buildInputs(c, 'auto-base');
    const parentImage = (await c.send(new GetImageRecipeCommand({ imageRecipeArn: parentArn }))).imageRecipe!.parentImage!;
    const make = (semanticVersion: string) => c.send(new CreateImageRecipeCommand({ name: 'auto', semanticVersion, parentImage }));
    const a = await make('1.0.x');
    const b = await make('1.0.x');
    assert.equal(a.imageRecipeArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/auto/1.0.0`);
    assert.equal(b.imageRecipeArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/auto/1.0.1`);
    assert.equal(b.latestVersionReferences?.latestVersionArn, b.imageRecipeArn);
    assert.equal((await c.send(new GetImageRecipeCommand({ imageRecipeArn: b.imageRecipeArn }))).imageRecipe?.version, '1.0.1');
    assert.equal((await make('2.x.x')).imageRecipeArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/auto/2.0.0`);
    assert.equal((await make('1.x.x')).imageRecipeArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/auto/1.0.2`);
    const bad = await errorOf(() => make('x.2.x'));
    assert.equal(bad.name, 'InvalidVersionNumberException');
    const container = await c.send(
      new CreateContainerRecipeCommand({
        name: 'auto-c',
        semanticVersion: 'x.x.x',
        containerType: 'DOCKER',
        parentImage: 'amazonlinux:2023',
        dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}',
        targetRepository: { service: 'ECR', repositoryName: 'web-app' },
      }),
    );
    assert.equal(container.containerRecipeArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:container-recipe/auto-c/1.0.0`);
    // Components still need a plain x.y.z (the model's VersionNumber).
    const comp = await errorOf(() =>
      c.send(new CreateComponentCommand({ name: 'auto-comp', semanticVersion: '1.0.x', platform: 'Linux', data: 'name: a\nschemaVersion: 1.0\nphases: []\n' })),
    );
    assert.equal(comp.$metadata.httpStatusCode, 400);
    const infra = (await buildInputs(c, 'auto-infra')).infrastructureConfigurationArn;
    const img = await c.send(
      new CreateImageCommand({ imageRecipeArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image-recipe/auto/1.0.x`, infrastructureConfigurationArn: infra }),
    );
    assert.equal(img.imageBuildVersionArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image/auto/1.0.2/1`);
  });
});
