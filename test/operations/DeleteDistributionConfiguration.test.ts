// DeleteDistributionConfiguration over HTTP with the AWS SDK.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  CreateDistributionConfigurationCommand as Create,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

describe('DeleteDistributionConfiguration', () => {
  describe('serialization', () => {
    it('is a DELETE with the ARN in the query string and returns requestId and the ARN', async () => {
      const { distributionConfigurationArn: arn } = await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'del-ser', distributions: [amiDistribution()] }));
      const out = await srv.client().send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      assert.equal(out.distributionConfigurationArn, arn);
      assert.ok(out.requestId);
    });
  });

  describe('validation', () => {
    it('rejects a malformed ARN with InvalidParameterValueException', async () => {
      const err = await errorOf(() => srv.client().send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: 'not-an-arn' })));
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'distributionConfigurationArn'"));
    });
  });

  describe('behaviour', () => {
    it('removes the configuration and its tags, so the name can be used again', async () => {
      const c = srv.client();
      const { distributionConfigurationArn: arn } = await c.send(new Create({ name: 'del-me', distributions: [amiDistribution()], tags: { a: 'b' } }));
      await c.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      const err = await errorOf(() => c.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn })));
      assert.equal(err.name, 'ResourceNotFoundException');
      await c.send(new Create({ name: 'del-me', distributions: [amiDistribution()] }));
      const again = await c.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      assert.deepEqual(again.distributionConfiguration?.tags, {}, 'tags of the deleted configuration must not come back');
    });

    it('returns ResourceNotFoundException for an unknown ARN', async () => {
      const err = await errorOf(() =>
        srv.client().send(
          new DeleteDistributionConfigurationCommand({
            distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/gone',
          }),
        ),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
    });
  });
});
