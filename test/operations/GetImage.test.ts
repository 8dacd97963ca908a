// GetImage over HTTP with the AWS SDK: build ARNs, version ARNs (with wildcards) resolving to the
// newest build, and isolation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { SOURCE_AMI, testWorld } from '../helpers/world.js';

let srv: TestServer;
const builds: string[] = [];
before(async () => {
  srv = await startTestServer({ worldSpec: testWorld(), runner: { pollMs: 5 } });
  const c = srv.client();
  const cfg = (
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'get-image',
        distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { description: 'gi' } }],
      }),
    )
  ).distributionConfigurationArn!;
  for (let i = 0; i < 2; i++) {
    const { imageBuildVersionArn } = await c.send(
      new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r', tags: { i: String(i) } }),
    );
    builds.push(imageBuildVersionArn!);
    await waitForImage(c, imageBuildVersionArn!);
  }
});
after(() => srv.close());

describe('GetImage', () => {
  describe('serialization', () => {
    it('returns the image with version x.y.z/n, state, outputs, the configuration snapshot and tags', async () => {
      const { image, requestId } = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: builds[0] }));
      assert.ok(requestId);
      assert.equal(image?.arn, builds[0]);
      assert.equal(image?.name, 'golden-linux');
      assert.equal(image?.version, '1.0.0/1');
      assert.equal(image?.type, 'AMI');
      assert.equal(image?.platform, 'Linux');
      assert.equal(image?.buildType, 'USER_INITIATED');
      assert.deepEqual(image?.state, { status: 'AVAILABLE' });
      assert.equal(image?.outputResources?.amis?.[0]?.region, 'us-west-2');
      assert.equal(image?.distributionConfiguration?.name, 'get-image');
      assert.deepEqual(image?.tags, { i: '0' });
      assert.ok(Date.parse(image!.dateCreated!) > 0);
    });
  });

  describe('validation', () => {
    it('rejects a value that is not an image ARN', async () => {
      const err = await errorOf(() => srv.client().send(new GetImageCommand({ imageBuildVersionArn: 'ami-0123' })));
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'imageBuildVersionArn'"));
    });
  });

  describe('behaviour', () => {
    it('resolves a version ARN and a wildcard version ARN to the newest build', async () => {
      const base = builds[0]!.replace(/\/1\.0\.0\/1$/, '');
      for (const v of ['1.0.0', '1.x.x', 'x.x.x']) {
        const { image } = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: `${base}/${v}` }));
        assert.equal(image?.arn, builds[1], v);
      }
    });

    it('returns ResourceNotFoundException for an unknown build and for another account', async () => {
      const missing = builds[0]!.replace(/\/1$/, '/99');
      const err = await errorOf(() => srv.client().send(new GetImageCommand({ imageBuildVersionArn: missing })));
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
      const other = await errorOf(() => srv.client('111122223333').send(new GetImageCommand({ imageBuildVersionArn: builds[0] })));
      assert.equal(other.name, 'ResourceNotFoundException');
    });
  });
});
