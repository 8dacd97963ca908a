// The runner under pressure: 30% injected throttling on every service still completes; copies
// beyond the per-destination limit queue instead of failing; a cancelled run stops.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelImageCreationCommand, CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER, OWNER_LT, SOURCE_AMI, TARGET, testWorld } from '../helpers/world.js';

describe('throttling', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 2, retry: { baseMs: 2, capMs: 20, maxRetries: 30 } } })));
  after(() => srv.close());

  it('completes a distribution when 30% of calls to every service are throttled', async () => {
    for (const [service, error] of [
      ['ec2', 'RequestLimitExceeded'],
      ['sts', 'Throttling'],
      ['ssm', 'ThrottlingException'],
      ['kms', 'ThrottlingException'],
    ]) {
      const res = await fetch(`${srv.url}/_ibex/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service, operation: '*', error, probability: 0.3 }),
      });
      assert.equal(res.status, 200, await res.text());
    }
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'throttled',
          distributions: ['us-east-1', 'us-west-2', 'eu-west-1'].map((region) => ({
            region,
            amiDistributionConfiguration: { name: 't-{{ imagebuilder:buildDate }}', targetAccountIds: [TARGET] },
            ssmParameterConfigurations: [{ parameterName: '/throttled/ami' }],
            ...(region === 'us-west-2' ? { launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT }] } : {}),
          })),
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    const image = await waitForImage(c, arn!, 30_000);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const produced = srv.world.snapshot().images.filter((i) => i.tags.Ec2ImageBuilderArn === arn);
    assert.equal(produced.length, 6, 'one AMI per Region and account, none duplicated by retries');
    assert.equal(new Set(produced.map((i) => `${i.region}/${i.accountId}`)).size, 6);
    await fetch(`${srv.url}/_ibex/faults`, { method: 'DELETE', headers: { 'content-type': 'application/json' } });
  });
});

describe('copy limit', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ worldSpec: testWorld(), timings: { copyImageMs: 150 }, runner: { pollMs: 10, copyLimit: 2 } })));
  after(() => srv.close());

  it('queues copies beyond the per-destination limit and completes them all', async () => {
    const c = srv.client();
    // The world is sampled in-process from before the first DistributeImage, on the server's own
    // event loop, so a slow machine cannot hide the copies in flight between two samples.
    let maxPending = 0;
    const sample = setInterval(() => {
      const pending = srv.world.snapshot({ accountId: OWNER, region: 'us-west-2' }).images.filter((i) => i.state === 'pending').length;
      maxPending = Math.max(maxPending, pending);
    }, 5);
    // Five configurations each copy into the owner's us-west-2: a limit of 2 must queue, not fail.
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) {
      const cfg = (
        await c.send(
          new CreateDistributionConfigurationCommand({
            name: `limit-${i}`,
            distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { name: `l${i}-{{ imagebuilder:buildDate }}` } }],
          }),
        )
      ).distributionConfigurationArn!;
      arns.push(
        (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }))).imageBuildVersionArn!,
      );
    }
    const until = Date.now() + 15_000;
    try {
      for (;;) {
        const states = await Promise.all(arns.map(async (a) => (await c.send(new GetImageCommand({ imageBuildVersionArn: a }))).image?.state?.status));
        if (states.every((s) => s === 'AVAILABLE')) break;
        assert.ok(!states.includes('FAILED'), `no image may fail: ${states}`);
        assert.ok(Date.now() < until, 'distributions did not finish');
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      clearInterval(sample);
    }
    assert.ok(maxPending <= 2, `at most 2 copies in flight per destination, saw ${maxPending}`);
    assert.ok(maxPending >= 1);
  });
});

describe('cancel', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ worldSpec: testWorld(), timings: { copyImageMs: 60_000 }, runner: { pollMs: 20 } })));
  after(() => srv.close());

  it('CancelImageCreation stops a running distribution and the image ends CANCELLED', async () => {
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'cancel-me',
          distributions: [{ region: 'us-west-2', amiDistributionConfiguration: {}, ssmParameterConfigurations: [{ parameterName: '/cancel/never' }] }],
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const out = await c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: 'cancel-1' }));
    assert.equal(out.imageBuildVersionArn, arn);
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'CANCELLED');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(
      srv.world.snapshot().ssmParameters.find((p) => p.name === '/cancel/never'),
      undefined,
      'no step runs after the cancel',
    );
    const err = await errorOf(() => c.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn })));
    assert.equal(err.name, 'InvalidRequestException');
  });
});

describe('cloud errors while answering a request', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ worldSpec: testWorld() })));
  after(() => srv.close());

  it('answers ServiceUnavailableException (503) when reading the source is throttled, and creates no image', async () => {
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({ name: 'throttled-source', distributions: [{ region: 'us-west-2', amiDistributionConfiguration: {} }] }),
      )
    ).distributionConfigurationArn!;
    const res = await fetch(`${srv.url}/_ibex/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'ec2', operation: 'DescribeImages', error: 'RequestLimitExceeded', times: 1 }),
    });
    assert.equal(res.status, 200, await res.text());
    const err = await errorOf(() => c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })));
    assert.equal(err.name, 'ServiceUnavailableException');
    assert.equal(err.$metadata.httpStatusCode, 503);
    assert.equal(srv.services.images.buildsByName({ accountId: OWNER, region: 'us-east-1' }, 'golden-linux').length, 0);
    const ok = await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }));
    assert.ok(ok.imageBuildVersionArn);
  });
});

describe('a retried launch-template step', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 2, retry: { baseMs: 2, capMs: 10, maxRetries: 5 } } })));
  after(() => srv.close());

  it('adds exactly one version when ModifyLaunchTemplate is throttled after the version was made', async () => {
    // The step creates the version, then ModifyLaunchTemplate is throttled twice: the retries
    // create the version again with the same client token and must get the same version back.
    const res = await fetch(`${srv.url}/_ibex/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'ec2', operation: 'ModifyLaunchTemplate', error: 'RequestLimitExceeded', times: 2 }),
    });
    assert.equal(res.status, 200, await res.text());
    const c = srv.client();
    const cfg = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'lt-retry',
          distributions: [{ region: 'us-west-2', amiDistributionConfiguration: {}, launchTemplateConfigurations: [{ launchTemplateId: OWNER_LT }] }],
        }),
      )
    ).distributionConfigurationArn!;
    const { imageBuildVersionArn: arn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' }),
    );
    const image = await waitForImage(c, arn!);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    const lt = srv.world.snapshot().launchTemplates.find((t) => t.launchTemplateId === OWNER_LT)!;
    assert.equal(lt.latestVersion, 2, 'one new version, not one per attempt');
    assert.equal(lt.defaultVersion, 2);
    assert.equal(lt.versions.find((v) => v.versionNumber === 2)?.imageId, image.outputResources!.amis![0]!.image);
  });
});
