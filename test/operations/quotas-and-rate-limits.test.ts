// Quotas and throttling, configurable because AWS's values are not documented:
// ServiceQuotaExceededException (402) past the distribution-configuration quota, and
// CallRateLimitExceededException (429) past the per-account request rate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  ListDistributionConfigurationsCommand,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { RateLimiter } from '../../src/server/rate-limit.js';

describe('distribution configuration quota', () => {
  let srv: TestServer;
  before(async () => (srv = await startTestServer({ limits: { distributionConfigurationsPerRegion: 2 } })));
  after(() => srv.close());

  it('answers ServiceQuotaExceededException (402) at the quota, per account and Region, and frees a slot on delete', async () => {
    const c = srv.client();
    const a = await c.send(new CreateDistributionConfigurationCommand({ name: 'quota-1', distributions: [amiDistribution()] }));
    await c.send(new CreateDistributionConfigurationCommand({ name: 'quota-2', distributions: [amiDistribution()] }));
    const err = await errorOf(() => c.send(new CreateDistributionConfigurationCommand({ name: 'quota-3', distributions: [amiDistribution()] })));
    assert.equal(err.name, 'ServiceQuotaExceededException');
    assert.equal(err.$metadata.httpStatusCode, 402);
    assert.match(err.message, /quota of 2 distribution configurations/);
    const names = (await c.send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList!.map((s) => s.name);
    assert.deepEqual(names.sort(), ['quota-1', 'quota-2']);
    await srv.client('111122223333').send(new CreateDistributionConfigurationCommand({ name: 'quota-3', distributions: [amiDistribution()] }));
    await srv
      .client('123456789012', 'eu-west-1')
      .send(new CreateDistributionConfigurationCommand({ name: 'quota-3', distributions: [amiDistribution('eu-west-1')] }));
    await c.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: a.distributionConfigurationArn }));
    await c.send(new CreateDistributionConfigurationCommand({ name: 'quota-3', distributions: [amiDistribution()] }));
  });
});

describe('API rate limit', () => {
  let srv: TestServer;
  // Time stands still for the limiter: the burst of 5 is all a caller gets, however slow the machine.
  before(async () => (srv = await startTestServer({ apiRateLimit: 5, rateLimitNow: () => 0 })));
  after(() => srv.close());

  it('answers CallRateLimitExceededException (429) past the rate, for that account only', async () => {
    const c = srv.client('210987654321');
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => c.send(new ListDistributionConfigurationsCommand({}))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
    assert.equal(rejected.length, 7);
    for (const r of rejected) {
      assert.equal((r.reason as Error).name, 'CallRateLimitExceededException');
      assert.equal((r.reason as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 429);
    }
    const other = await srv.client('111122223333').send(new ListDistributionConfigurationsCommand({}));
    assert.deepEqual(other.distributionConfigurationSummaryList, []);
  });

  it('refills tokens over time', () => {
    let t = 0;
    const rl = new RateLimiter(2, () => t);
    assert.deepEqual([rl.take('k'), rl.take('k'), rl.take('k')], [true, true, false]);
    t += 500;
    assert.deepEqual([rl.take('k'), rl.take('k')], [true, false]);
  });
});
