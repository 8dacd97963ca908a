// UpdateDistributionConfiguration over HTTP with the AWS SDK: a full replacement.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  UpdateDistributionConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

async function create(name: string) {
  const out = await srv
    .client()
    .send(new CreateDistributionConfigurationCommand({ name, description: 'before', distributions: [amiDistribution()], tags: { keep: 'me' } }));
  return out.distributionConfigurationArn!;
}

describe('UpdateDistributionConfiguration', () => {
  describe('serialization', () => {
    it('returns requestId, clientToken and the ARN', async () => {
      const arn = await create('upd-ser');
      const out = await srv
        .client()
        .send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn, distributions: [amiDistribution()], clientToken: 'upd-tok' }));
      assert.equal(out.distributionConfigurationArn, arn);
      assert.equal(out.clientToken, 'upd-tok');
      assert.ok(out.requestId);
    });
  });

  describe('validation', () => {
    it('rejects a Region without outputs and leaves the configuration unchanged', async () => {
      const arn = await create('upd-bad');
      const err = await errorOf(() =>
        srv.client().send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn, distributions: [{ region: 'eu-west-1' }] })),
      );
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'distributions[0]'"));
      const got = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      assert.equal(got.distributionConfiguration?.description, 'before');
      assert.equal(got.distributionConfiguration?.distributions?.[0]?.region, 'us-east-1');
      assert.equal(got.distributionConfiguration?.dateUpdated, undefined);
    });
  });

  describe('behaviour', () => {
    it('replaces description and distributions, keeps name and tags, and sets dateUpdated', async () => {
      const arn = await create('Upd Full');
      await srv.client().send(
        new UpdateDistributionConfigurationCommand({
          distributionConfigurationArn: arn,
          distributions: [amiDistribution('eu-west-1', 'new {{ imagebuilder:buildDate }}'), amiDistribution('us-west-2')],
        }),
      );
      const dc = (await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!;
      assert.equal(dc.name, 'Upd Full');
      assert.equal(dc.description, undefined, 'an omitted description is cleared by the full replacement');
      assert.deepEqual(
        dc.distributions?.map((d) => d.region),
        ['eu-west-1', 'us-west-2'],
      );
      assert.deepEqual(dc.tags, { keep: 'me' });
      assert.ok(dc.dateUpdated && Date.parse(dc.dateUpdated) >= Date.parse(dc.dateCreated!));
    });

    it('returns ResourceNotFoundException for an unknown ARN', async () => {
      const err = await errorOf(() =>
        srv.client().send(
          new UpdateDistributionConfigurationCommand({
            distributionConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/missing',
            distributions: [amiDistribution()],
          }),
        ),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
    });
  });
});
