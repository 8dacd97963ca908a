// End to end with the installed AWS CLI: create a component, an image recipe on an Amazon-managed
// parent, an infrastructure and a distribution configuration, a pipeline; run it; wait until the
// image is AVAILABLE; check its outputs in the world; the recipe delete is blocked by the pipeline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { awsCli, cliConfigDir, cliJson, type CliResult } from '../helpers/aws-cli.js';
import { startServer, type IbexServer } from '../../src/server/app.js';
import { buildWorld } from '../pipelines/fixtures.js';
import { OWNER, TARGET } from '../helpers/world.js';

let srv: IbexServer;
let dir: string;

function aws(args: string[], opts: { accessKey?: string; secret?: string } = {}): Promise<CliResult> {
  return awsCli(srv.url, dir, args, opts);
}

const json = cliJson;

before(async () => {
  dir = cliConfigDir('ibex-pipeline-cli-');
  srv = await startServer({ inMemory: true, port: 0, logLevel: 'silent', worldSpec: buildWorld(), buildPollMs: 5, runner: { pollMs: 5 } });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('aws imagebuilder: one pipeline end to end', () => {
  it('builds and distributes an image through a pipeline run', async () => {
    const comp = json(
      await aws([
        'create-component',
        '--name',
        'hello',
        '--semantic-version',
        '1.0.0',
        '--platform',
        'Linux',
        '--data',
        'name: hello\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n',
      ]),
    );
    assert.equal(comp.componentBuildVersionArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:component/hello/1.0.0/1`);
    const recipe = json(
      await aws([
        'create-image-recipe',
        '--name',
        'cli-recipe',
        '--semantic-version',
        '1.0.0',
        '--parent-image',
        'arn:aws:imagebuilder:us-east-1:aws:image/al2023-ami/x.x.x',
        '--components',
        JSON.stringify([{ componentArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:component/hello/x.x.x` }]),
      ]),
    );
    const infra = json(
      await aws(['create-infrastructure-configuration', '--name', 'cli-infra', '--instance-profile-name', 'EC2InstanceProfileForImageBuilder']),
    );
    const dist = json(
      await aws([
        'create-distribution-configuration',
        '--name',
        'cli-dist',
        '--distributions',
        JSON.stringify([
          { region: 'us-east-1', amiDistributionConfiguration: { name: 'cli {{ imagebuilder:buildDate }}' } },
          { region: 'us-west-2', amiDistributionConfiguration: { name: 'cli {{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] } },
        ]),
      ]),
    );
    const pipeline = json(
      await aws([
        'create-image-pipeline',
        '--name',
        'cli-pipeline',
        '--image-recipe-arn',
        recipe.imageRecipeArn,
        '--infrastructure-configuration-arn',
        infra.infrastructureConfigurationArn,
        '--distribution-configuration-arn',
        dist.distributionConfigurationArn,
        '--schedule',
        JSON.stringify({ scheduleExpression: 'cron(0 0 ? * SUN *)', timezone: 'Europe/Berlin' }),
      ]),
    );
    const got = json(await aws(['get-image-pipeline', '--image-pipeline-arn', pipeline.imagePipelineArn]));
    assert.equal(got.imagePipeline.schedule.timezone, 'Europe/Berlin');
    assert.ok(got.imagePipeline.dateNextRun);

    const run = json(await aws(['start-image-pipeline-execution', '--image-pipeline-arn', pipeline.imagePipelineArn]));
    let image: Record<string, any> = {};
    for (let i = 0; i < 200; i++) {
      image = json(await aws(['get-image', '--image-build-version-arn', run.imageBuildVersionArn])).image;
      if (['AVAILABLE', 'FAILED', 'CANCELLED'].includes(image.state.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(image.state.status, 'AVAILABLE', image.state.reason);
    assert.equal(image.sourcePipelineArn, pipeline.imagePipelineArn);
    const amis = image.outputResources.amis as { region: string; image: string; accountId: string }[];
    assert.equal(amis.length, 3);
    const world = srv.world.snapshot();
    for (const a of amis)
      assert.ok(world.images.some((w) => w.imageId === a.image && w.accountId === a.accountId && w.region === a.region && w.state === 'available'));

    const images = json(await aws(['list-image-pipeline-images', '--image-pipeline-arn', pipeline.imagePipelineArn]));
    assert.deepEqual(
      images.imageSummaryList.map((s: { arn: string }) => s.arn),
      [run.imageBuildVersionArn],
    );
    const wf = json(await aws(['list-workflow-executions', '--image-build-version-arn', run.imageBuildVersionArn]));
    assert.deepEqual(
      wf.workflowExecutions.map((w: { type: string }) => w.type),
      ['BUILD', 'TEST', 'DISTRIBUTION'],
    );

    const blocked = await aws(['delete-image-recipe', '--image-recipe-arn', recipe.imageRecipeArn]);
    assert.notEqual(blocked.code, 0);
    assert.match(blocked.stderr, /ResourceDependencyException/);
    json(await aws(['delete-image-pipeline', '--image-pipeline-arn', pipeline.imagePipelineArn]));
    json(await aws(['delete-image-recipe', '--image-recipe-arn', recipe.imageRecipeArn]));
  });
});
