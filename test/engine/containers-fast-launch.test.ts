// Container distribution (pushed to each Region's ECR repository with its tags; a missing
// repository fails only that Region) and Windows fast launch (enabled on the distributed AMI;
// a Linux AMI fails that job).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, SOURCE_AMI, WINDOWS_AMI, testWorld } from '../helpers/world.js';
import { failureReason, jobViews, outputResources } from '../../src/engine/outcome.js';

let srv: TestServer;
before(async () => {
  const world = testWorld();
  world.accounts!.find((a) => a.id === OWNER)!.ecrRepositories!.push({ region: 'eu-west-1', repositoryName: 'app-eu' });
  srv = await startTestServer({ worldSpec: world, runner: { pollMs: 5 } });
});
after(() => srv.close());

describe('container distribution', () => {
  it('pushes to each Region repository with the configured tags and records the image URIs', async () => {
    const scope = { accountId: OWNER, region: 'us-west-2' };
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [{ digest: 'sha256:abc' }] });
    const pushed = await srv.world.ports.ecr.putImage(scope, { repositoryName: 'app', imageManifest: manifest, imageTag: 'build-1' });
    const imageArn = `arn:aws:imagebuilder:us-west-2:${OWNER}:image/app/1.0.0/1`;
    srv.services.images.insert(scope, { arn: imageArn, name: 'app', version: '1.0.0/1', type: 'DOCKER', state: { status: 'PENDING' } }, 1);
    const { finished } = srv.services.distribution.start(scope, imageArn, {
      ownerAccountId: OWNER,
      imageArn,
      imageName: 'app',
      source: {
        kind: 'container',
        accountId: OWNER,
        region: 'us-west-2',
        repositoryName: 'app',
        imageDigest: pushed.image.imageId.imageDigest,
        imageManifest: manifest,
      },
      distributions: [
        {
          region: 'eu-west-1',
          containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'app-eu' }, containerTags: ['latest', '1.0.0'] },
        },
        { region: 'us-east-1', containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'missing' } } },
      ],
      template: { buildDate: new Date(), buildVersion: 1 },
    });
    assert.equal(await finished, 'failed');
    const image = srv.services.images.get(scope, imageArn)!;
    assert.equal(image.state?.status, 'FAILED');
    assert.ok(image.state?.reason?.includes('missing'), image.state?.reason);
    const eu = image.outputResources?.containers?.find((c) => c.region === 'eu-west-1');
    assert.ok(eu, 'the successful Region is recorded');
    assert.equal(eu!.imageUris!.length, 2);
    assert.match(eu!.imageUris![0]!, /app-eu:latest$/);
    const repo = srv.world.snapshot().ecrRepositories.find((r) => r.repositoryName === 'app-eu')!;
    assert.deepEqual(repo.images.flatMap((i) => i.imageTags).sort(), ['1.0.0', 'latest']);
    // The outcome helpers agree with what was stored.
    const run = srv.services.runs.runsOfImage(scope, imageArn)[0]!;
    const views = jobViews(run.jobs, srv.services.runs.steps(scope, run.runId));
    assert.deepEqual(outputResources(views).containers, image.outputResources?.containers);
    assert.equal(failureReason(views, OWNER), image.state?.reason);
  });
});

describe('fast launch', () => {
  it('enables fast launch on the distributed Windows AMI and fails it for a Linux AMI', async () => {
    const c = srv.client();
    const distributions = [
      {
        region: 'us-west-2',
        amiDistributionConfiguration: { name: 'win {{ imagebuilder:buildDate }}' },
        fastLaunchConfigurations: [{ enabled: true, maxParallelLaunches: 6, snapshotConfiguration: { targetResourceCount: 5 } }],
      },
    ];
    const cfg = (await c.send(new CreateDistributionConfigurationCommand({ name: 'fast-launch', distributions }))).distributionConfigurationArn!;
    const win = await c.send(new DistributeImageCommand({ sourceImage: WINDOWS_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
    const winImage = await waitForImage(c, win.imageBuildVersionArn!);
    assert.equal(winImage.state?.status, 'AVAILABLE', winImage.state?.reason);
    const ami = srv.world.snapshot().images.find((i) => i.imageId === winImage.outputResources!.amis![0]!.image)!;
    assert.equal(ami.platform, 'Windows');
    assert.equal(ami.fastLaunch?.targetResourceCount, 5);
    assert.equal(ami.fastLaunch?.maxParallelLaunches, 6);

    const linux = await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
    const linuxImage = await waitForImage(c, linux.imageBuildVersionArn!);
    assert.equal(linuxImage.state?.status, 'FAILED');
    assert.ok(linuxImage.state?.reason?.includes('fast launch for account'), linuxImage.state?.reason);
    assert.equal(linuxImage.outputResources?.amis?.length, 1, 'the AMI itself still arrived');
  });
});
