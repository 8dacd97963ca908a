// ListTagsForResource over HTTP with the AWS SDK: GET /tags/{ARN}.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, ListTagsForResourceCommand } from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

describe('ListTagsForResource', () => {
  describe('serialization', () => {
    it('returns {"tags":{}} for a resource without tags', async () => {
      const { distributionConfigurationArn: arn } = await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'no-tags', distributions: [amiDistribution()] }));
      const out = await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.deepEqual(out.tags, {});
    });
  });

  describe('validation', () => {
    it('rejects a value that is not an Image Builder ARN with InvalidParameterException', async () => {
      const err = await errorOf(() => srv.client().send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:s3:::bucket' })));
      assert.equal(err.name, 'InvalidParameterException');
      assert.ok(err.message.includes("parameter 'resourceArn'"));
    });
  });

  describe('behaviour', () => {
    it('returns the tags given at create time', async () => {
      const { distributionConfigurationArn: arn } = await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'with-tags', distributions: [amiDistribution()], tags: { team: 'a', env: 'b' } }));
      const out = await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.deepEqual(out.tags, { team: 'a', env: 'b' });
    });

    it('returns ResourceNotFoundException for another resource type ibex has no such resource of', async () => {
      const err = await errorOf(() =>
        srv.client().send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/none' })),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
    });
  });
});
