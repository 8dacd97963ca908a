// Isolation between accounts and Regions: no account reads, changes or tags another account's
// distribution configuration; an ARN of another Region is an invalid parameter; names are unique
// per account and Region only; a non-12-digit access key is the default account.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  ImagebuilderClient,
  ListDistributionConfigurationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDistributionConfigurationCommand,
  type DistributionConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

const A = '111111111111';
const B = '222222222222';
const EAST = 'us-east-1';
const WEST = 'us-west-2';

let srv: TestServer;
let aEast: ImagebuilderClient;
let aWest: ImagebuilderClient;
let bEast: ImagebuilderClient;
let arnAEast: string;
let arnAWest: string;
let arnBEast: string;
let snapshotA: DistributionConfiguration;
let snapshotB: DistributionConfiguration;

const arnOf = (account: string, region: string, id: string) => `arn:aws:imagebuilder:${region}:${account}:distribution-configuration/${id}`;

async function get(c: ImagebuilderClient, arn: string): Promise<DistributionConfiguration> {
  const out = await c.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
  return out.distributionConfiguration!;
}

async function names(c: ImagebuilderClient): Promise<string[]> {
  const out = await c.send(new ListDistributionConfigurationsCommand({}));
  return (out.distributionConfigurationSummaryList ?? []).map((s) => s.arn!).sort();
}

before(async () => {
  srv = await startTestServer();
  aEast = srv.client(A, EAST);
  aWest = srv.client(A, WEST);
  bEast = srv.client(B, EAST);
  // The same name in two accounts and in two Regions of one account.
  arnAEast = (
    await aEast.send(
      new CreateDistributionConfigurationCommand({
        name: 'Shared Name',
        description: 'A east',
        distributions: [amiDistribution(EAST, 'a-east {{ imagebuilder:buildDate }}')],
        tags: { owner: 'a' },
      }),
    )
  ).distributionConfigurationArn!;
  arnAWest = (
    await aWest.send(
      new CreateDistributionConfigurationCommand({
        name: 'Shared Name',
        description: 'A west',
        distributions: [amiDistribution(WEST, 'a-west {{ imagebuilder:buildDate }}')],
        tags: { owner: 'a-west' },
      }),
    )
  ).distributionConfigurationArn!;
  arnBEast = (
    await bEast.send(
      new CreateDistributionConfigurationCommand({
        name: 'Shared Name',
        description: 'B east',
        distributions: [amiDistribution(EAST, 'b-east {{ imagebuilder:buildDate }}')],
        tags: { owner: 'b' },
      }),
    )
  ).distributionConfigurationArn!;
  snapshotA = await get(aEast, arnAEast);
  snapshotB = await get(bEast, arnBEast);
});
after(() => srv.close());

describe('isolation', () => {
  it('allows the same name in two accounts and two Regions, each with its own ARN', () => {
    assert.equal(arnAEast, arnOf(A, EAST, 'shared-name'));
    assert.equal(arnAWest, arnOf(A, WEST, 'shared-name'));
    assert.equal(arnBEast, arnOf(B, EAST, 'shared-name'));
    assert.equal(snapshotA.description, 'A east');
    assert.equal(snapshotB.description, 'B east');
  });

  describe("one account cannot touch another's configuration (ResourceNotFoundException, nothing changes)", () => {
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['GetDistributionConfiguration', () => bEast.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arnAEast }))],
      [
        'UpdateDistributionConfiguration',
        () =>
          bEast.send(
            new UpdateDistributionConfigurationCommand({
              distributionConfigurationArn: arnAEast,
              description: 'hijacked',
              distributions: [amiDistribution(EAST, 'hijack {{ imagebuilder:buildDate }}')],
            }),
          ),
      ],
      ['DeleteDistributionConfiguration', () => bEast.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arnAEast }))],
      ['TagResource', () => bEast.send(new TagResourceCommand({ resourceArn: arnAEast, tags: { owner: 'b', extra: 'x' } }))],
      ['UntagResource', () => bEast.send(new UntagResourceCommand({ resourceArn: arnAEast, tagKeys: ['owner'] }))],
      ['ListTagsForResource', () => bEast.send(new ListTagsForResourceCommand({ resourceArn: arnAEast }))],
    ];
    for (const [op, attempt] of attempts) {
      it(`${op} of account A's ARN by account B`, async () => {
        const err = await errorOf(attempt);
        assert.equal(err.name, 'ResourceNotFoundException');
        assert.equal(err.$metadata.httpStatusCode, 404);
        assert.ok(err.message.includes(arnAEast), err.message);
        // A's configuration is exactly as it was, and B's own same-id configuration too.
        assert.deepEqual(await get(aEast, arnAEast), snapshotA);
        assert.deepEqual(await get(bEast, arnBEast), snapshotB);
      });
    }
  });

  it("never lists another account's or another Region's configurations", async () => {
    assert.deepEqual(await names(aEast), [arnAEast]);
    assert.deepEqual(await names(aWest), [arnAWest]);
    assert.deepEqual(await names(bEast), [arnBEast]);
    assert.deepEqual(await names(srv.client(B, WEST)), []);
    const filtered = await bEast.send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['Shared Name'] }] }));
    assert.deepEqual(
      filtered.distributionConfigurationSummaryList?.map((s) => [s.arn, s.description, s.tags]),
      [[arnBEast, 'B east', { owner: 'b' }]],
    );
  });

  describe('an ARN of another Region is an invalid parameter', () => {
    const config: Array<[string, () => Promise<unknown>, string, string]> = [
      [
        'GetDistributionConfiguration',
        () => aEast.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arnAWest })),
        'InvalidParameterValueException',
        'distributionConfigurationArn',
      ],
      [
        'UpdateDistributionConfiguration',
        () =>
          aEast.send(
            new UpdateDistributionConfigurationCommand({
              distributionConfigurationArn: arnAWest,
              distributions: [amiDistribution(EAST, 'cross {{ imagebuilder:buildDate }}')],
            }),
          ),
        'InvalidParameterValueException',
        'distributionConfigurationArn',
      ],
      [
        'DeleteDistributionConfiguration',
        () => aEast.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arnAWest })),
        'InvalidParameterValueException',
        'distributionConfigurationArn',
      ],
      ['TagResource', () => aEast.send(new TagResourceCommand({ resourceArn: arnAWest, tags: { x: 'y' } })), 'InvalidParameterException', 'resourceArn'],
      ['UntagResource', () => aEast.send(new UntagResourceCommand({ resourceArn: arnAWest, tagKeys: ['owner'] })), 'InvalidParameterException', 'resourceArn'],
      ['ListTagsForResource', () => aEast.send(new ListTagsForResourceCommand({ resourceArn: arnAWest })), 'InvalidParameterException', 'resourceArn'],
      // Another account *and* another Region: still an error, never data.
      [
        'GetDistributionConfiguration (other account too)',
        () => bEast.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arnAWest })),
        'InvalidParameterValueException',
        'distributionConfigurationArn',
      ],
    ];
    for (const [op, attempt, code, param] of config) {
      it(`${op} → ${code}`, async () => {
        const prior = await get(aWest, arnAWest);
        const err = await errorOf(attempt);
        assert.equal(err.name, code);
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.ok(err.message.startsWith(`The value supplied for parameter '${param}' is not valid.`), err.message);
        assert.deepEqual(await get(aWest, arnAWest), prior);
      });
    }
  });

  it('maps a non-12-digit access key to the default account 123456789012', async () => {
    const keyed = new ImagebuilderClient({
      endpoint: srv.url,
      region: EAST,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
    });
    const out = await keyed.send(new CreateDistributionConfigurationCommand({ name: 'default-account', distributions: [amiDistribution()] }));
    assert.equal(out.distributionConfigurationArn, arnOf('123456789012', EAST, 'default-account'));
    // The same account, reached through its 12-digit key, sees it; the other accounts do not.
    assert.equal((await get(srv.client('123456789012', EAST), out.distributionConfigurationArn!)).name, 'default-account');
    assert.deepEqual(await names(aEast), [arnAEast]);
    // A key of 11 or 13 digits is not an account id either.
    for (const key of ['12345678901', '1234567890123']) {
      const c = new ImagebuilderClient({ endpoint: srv.url, region: EAST, maxAttempts: 1, credentials: { accessKeyId: key, secretAccessKey: 'x' } });
      assert.deepEqual(
        (await c.send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList?.map((s) => s.arn),
        [out.distributionConfigurationArn],
      );
    }
  });
});
