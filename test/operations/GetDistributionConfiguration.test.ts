// GetDistributionConfiguration over HTTP with the AWS SDK.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, GetDistributionConfigurationCommand } from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

describe('GetDistributionConfiguration', () => {
  describe('serialization', () => {
    it('is a GET with the ARN in the query string and returns requestId and the configuration', async () => {
      const { distributionConfigurationArn: arn } = await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'get-ser', distributions: [amiDistribution()] }));
      const res = await fetch(`${srv.url}/GetDistributionConfiguration?distributionConfigurationArn=${encodeURIComponent(arn!)}`, {
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00' },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
      const body = (await res.json()) as { requestId: string; distributionConfiguration: Record<string, unknown> };
      assert.equal(body.requestId, res.headers.get('x-amzn-requestid'));
      assert.deepEqual(Object.keys(body.distributionConfiguration).sort(), ['arn', 'dateCreated', 'distributions', 'name', 'tags', 'timeoutMinutes']);
      assert.deepEqual(body.distributionConfiguration.tags, {});
    });
  });

  describe('validation', () => {
    it('rejects an ARN of another resource type with InvalidParameterValueException', async () => {
      const err = await errorOf(() =>
        srv
          .client()
          .send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/x/1.0.0' })),
      );
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'distributionConfigurationArn'"));
    });
  });

  describe('behaviour', () => {
    it('returns ResourceNotFoundException (404) for an unknown ARN', async () => {
      const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/nope';
      const err = await errorOf(() => srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn })));
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.equal(err.message, `The resource '${arn}' does not exist.`);
    });

    it('returns templates in names as stored, unexpanded', async () => {
      const { distributionConfigurationArn: arn } = await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'raw-templates',
          distributions: [amiDistribution('us-east-1', 'x {{imagebuilder:buildVersion}} {{imagebuilder:buildDate}}')],
        }),
      );
      const got = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      assert.equal(
        got.distributionConfiguration?.distributions?.[0]?.amiDistributionConfiguration?.name,
        'x {{imagebuilder:buildVersion}} {{imagebuilder:buildDate}}',
      );
    });
  });
});
