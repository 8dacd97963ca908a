// UntagResource over HTTP with the AWS SDK: DELETE /tags/{ARN}?tagKeys=a&tagKeys=b.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, ListTagsForResourceCommand, UntagResourceCommand } from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let arn: string;
before(async () => {
  srv = await startTestServer();
  arn = (
    await srv
      .client()
      .send(new CreateDistributionConfigurationCommand({ name: 'untag-me', distributions: [amiDistribution()], tags: { a: '1', b: '2', c: '3' } }))
  ).distributionConfigurationArn!;
});
after(() => srv.close());

describe('UntagResource', () => {
  describe('serialization', () => {
    it('reads repeated tagKeys query keys and returns an empty body', async () => {
      const out = await srv.client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'b'] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const tags = (await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;
      assert.deepEqual(tags, { c: '3' });
    });
  });

  describe('validation', () => {
    it('rejects an empty tag key with InvalidParameterException', async () => {
      const err = await errorOf(() => srv.client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [''] })));
      assert.equal(err.name, 'InvalidParameterException');
      assert.ok(err.message.includes("parameter 'tagKeys[0]'"));
    });
  });

  describe('behaviour', () => {
    it('ignores keys the resource does not have', async () => {
      await srv.client().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['zzz'] }));
      const tags = (await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;
      assert.deepEqual(tags, { c: '3' });
    });

    it('returns ResourceNotFoundException for an unknown resource', async () => {
      const err = await errorOf(() =>
        srv
          .client()
          .send(new UntagResourceCommand({ resourceArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none', tagKeys: ['a'] })),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
    });
  });
});
