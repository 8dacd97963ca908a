// ListDistributionConfigurations over HTTP with the AWS SDK: filters, paging, summaries.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  ListDistributionConfigurationsCommand,
  paginateListDistributionConfigurations,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
const ACCOUNT = '210987654321';
before(async () => {
  srv = await startTestServer();
  for (let i = 0; i < 30; i++) {
    await srv.client(ACCOUNT).send(
      new CreateDistributionConfigurationCommand({
        name: `cfg-${String(i).padStart(2, '0')}`,
        distributions: [amiDistribution('us-east-1'), amiDistribution('eu-west-1')],
        tags: { n: String(i) },
      }),
    );
  }
});
after(() => srv.close());

describe('ListDistributionConfigurations', () => {
  describe('serialization', () => {
    it('returns summaries with regions, tags and dates', async () => {
      const out = await srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['cfg-07'] }] }));
      assert.equal(out.distributionConfigurationSummaryList?.length, 1);
      const s = out.distributionConfigurationSummaryList![0]!;
      assert.equal(s.name, 'cfg-07');
      assert.deepEqual(s.regions, ['us-east-1', 'eu-west-1']);
      assert.deepEqual(s.tags, { n: '7' });
      assert.ok(s.dateCreated);
      assert.equal(out.nextToken, undefined);
    });
  });

  describe('validation', () => {
    it('rejects maxResults above 25', async () => {
      const err = await errorOf(() => srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ maxResults: 26 })));
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'maxResults'"));
    });

    it('rejects an unsupported filter name', async () => {
      const err = await errorOf(() =>
        srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'region', values: ['us-east-1'] }] })),
      );
      assert.equal(err.name, 'InvalidParameterValueException');
      assert.ok(err.message.includes("parameter 'filters[0].name'"));
    });

    it('rejects a forged nextToken with InvalidPaginationTokenException', async () => {
      const err = await errorOf(() => srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ nextToken: 'eyJwIjoiY2ZnLTEwIn0.forged' })));
      assert.equal(err.name, 'InvalidPaginationTokenException');
      assert.equal(err.$metadata.httpStatusCode, 400);
    });

    it('rejects a token reused with different filters', async () => {
      const first = await srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ maxResults: 5 }));
      assert.ok(first.nextToken);
      const err = await errorOf(() =>
        srv.client(ACCOUNT).send(new ListDistributionConfigurationsCommand({ nextToken: first.nextToken, filters: [{ name: 'name', values: ['cfg-01'] }] })),
      );
      assert.equal(err.name, 'InvalidPaginationTokenException');
    });
  });

  describe('behaviour', () => {
    it('pages through every configuration exactly once with maxResults 7', async () => {
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateListDistributionConfigurations({ client: srv.client(ACCOUNT), pageSize: 7 }, {})) {
        pages++;
        assert.ok((page.distributionConfigurationSummaryList?.length ?? 0) <= 7);
        names.push(...(page.distributionConfigurationSummaryList ?? []).map((s) => s.name!));
      }
      assert.equal(pages, 5);
      assert.deepEqual(
        names,
        Array.from({ length: 30 }, (_, i) => `cfg-${String(i).padStart(2, '0')}`),
      );
    });

    it('filters by exact name with several values', async () => {
      const out = await srv
        .client(ACCOUNT)
        .send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['cfg-03', 'cfg-12', 'cfg-9'] }] }));
      assert.deepEqual(
        out.distributionConfigurationSummaryList?.map((s) => s.name),
        ['cfg-03', 'cfg-12'],
      );
    });

    it('lists only the caller Region', async () => {
      const out = await srv.client(ACCOUNT, 'eu-west-1').send(new ListDistributionConfigurationsCommand({}));
      assert.deepEqual(out.distributionConfigurationSummaryList, []);
    });
  });
});
