// The clientToken race: concurrent creates with one token do the work once and all get the
// original response; concurrent creates of one name with different tokens create it once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  ListDistributionConfigurationsCommand,
  TagResourceCommand,
  type CreateDistributionConfigurationCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, startTestServer, type TestServer } from '../helpers/server.js';

const N = 20;
let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

async function countByName(name: string): Promise<number> {
  const out = await srv.client().send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: [name] }] }));
  return out.distributionConfigurationSummaryList?.length ?? 0;
}

describe('idempotency race', () => {
  it(`${N} concurrent creates with one clientToken all succeed with the same ARN, and one resource exists`, async () => {
    const input = { name: 'race-token', distributions: [amiDistribution()], tags: { run: 'race' }, clientToken: 'race-token-1' };
    // One client per request, so the requests really travel on separate connections.
    const results = await Promise.allSettled(Array.from({ length: N }, () => srv.client().send(new CreateDistributionConfigurationCommand(input))));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    assert.deepEqual(failures, []);
    const outs = results.map((r) => (r as PromiseFulfilledResult<CreateDistributionConfigurationCommandOutput>).value);
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/race-token';
    for (const o of outs) {
      assert.equal(o.$metadata.httpStatusCode, 200);
      assert.equal(o.distributionConfigurationArn, arn);
      assert.equal(o.clientToken, 'race-token-1');
    }
    assert.equal(await countByName('race-token'), 1);
    const got = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    assert.deepEqual(got.distributionConfiguration?.tags, { run: 'race' });
  });

  it('a replay after the race still returns the original response and changes nothing', async () => {
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/race-token';
    const prior = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    // Tags changed after the create must survive a replay of the create.
    await srv.client().send(new TagResourceCommand({ resourceArn: arn, tags: { later: 'yes' } }));
    const again = await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'race-token',
        distributions: [amiDistribution()],
        tags: { run: 'race' },
        clientToken: 'race-token-1',
      }),
    );
    assert.equal(again.distributionConfigurationArn, arn);
    const later = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    assert.equal(later.distributionConfiguration?.dateCreated, prior.distributionConfiguration?.dateCreated);
    assert.deepEqual(later.distributionConfiguration?.tags, { run: 'race', later: 'yes' });
    assert.equal(await countByName('race-token'), 1);
  });

  it(`${N} concurrent creates with one clientToken but different names: one wins, the rest are mismatches`, async () => {
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        srv
          .client()
          .send(new CreateDistributionConfigurationCommand({ name: `race-mismatch-${i}`, distributions: [amiDistribution()], clientToken: 'race-mismatch' })),
      ),
    );
    const ok = results.filter((r): r is PromiseFulfilledResult<CreateDistributionConfigurationCommandOutput> => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1, `successes: ${ok.length}`);
    for (const f of failed) {
      const e = f.reason as Error & { $metadata: { httpStatusCode?: number } };
      assert.equal(e.name, 'IdempotentParameterMismatchException');
      assert.equal(e.$metadata.httpStatusCode, 400);
    }
    const list = await srv.client().send(new ListDistributionConfigurationsCommand({}));
    const created = (list.distributionConfigurationSummaryList ?? []).filter((s) => s.name?.startsWith('race-mismatch-'));
    assert.deepEqual(
      created.map((s) => s.arn),
      [ok[0]!.value.distributionConfigurationArn],
    );
  });

  it(`${N} concurrent creates of one name with different tokens: exactly 1 success, ${N - 1} ResourceAlreadyExistsException`, async () => {
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        srv.client().send(
          new CreateDistributionConfigurationCommand({
            name: 'race-name',
            description: `attempt ${i}`,
            distributions: [amiDistribution()],
            clientToken: `race-name-${i}`,
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1, `successes: ${ok.length}`);
    assert.equal(failed.length, N - 1);
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/race-name';
    for (const f of failed) {
      const e = f.reason as Error & { $metadata: { httpStatusCode?: number } };
      assert.equal(e.name, 'ResourceAlreadyExistsException');
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.message, `The following resource 'DistributionConfiguration' already exists: '${arn}'.`);
    }
    assert.equal(await countByName('race-name'), 1);
    // The stored one is the winner's: its description matches the one attempt that succeeded.
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    const got = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
    assert.equal(got.distributionConfiguration?.description, `attempt ${winner}`);
  });
});
