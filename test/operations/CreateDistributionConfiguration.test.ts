// CreateDistributionConfiguration over HTTP with the AWS SDK: wire shape, validation, behaviour.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  GetDistributionConfigurationCommand,
  ListDistributionConfigurationsCommand,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
before(async () => (srv = await startTestServer()));
after(() => srv.close());

describe('CreateDistributionConfiguration', () => {
  describe('serialization', () => {
    it('returns requestId, the clientToken and the ARN derived from the name', async () => {
      const out = await srv
        .client()
        .send(new CreateDistributionConfigurationCommand({ name: 'Ser Test', distributions: [amiDistribution()], clientToken: 'tok-ser-1' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.clientToken, 'tok-ser-1');
      assert.match(out.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(out.distributionConfigurationArn, 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/ser-test');
    });
  });

  describe('validation', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a name with a character outside the pattern', { name: 'bad/name', distributions: [amiDistribution()] }, "parameter 'name'"],
      ['a Region with no outputs', { name: 'no-out', distributions: [{ region: 'us-east-1' }] }, 'One or more outputs should be provided for each region'],
      [
        'an AMI name without buildDate',
        { name: 'no-date', distributions: [amiDistribution('us-east-1', 'plain-name')] },
        "must contain '{{ imagebuilder:buildDate }}'",
      ],
      [
        'two distributions for one Region',
        { name: 'dup-region', distributions: [amiDistribution(), amiDistribution()] },
        'Only one distribution is allowed per Region',
      ],
      [
        'an SSM amiAccountId outside the Region accounts',
        { name: 'ssm-bad', distributions: [{ region: 'us-east-1', ssmParameterConfigurations: [{ parameterName: '/a/b', amiAccountId: '999999999999' }] }] },
        'distributions[0].ssmParameterConfigurations[0].amiAccountId',
      ],
      [
        'fast launch with fewer than 6 parallel launches',
        { name: 'fl-bad', distributions: [{ region: 'us-east-1', fastLaunchConfigurations: [{ enabled: true, maxParallelLaunches: 5 }] }] },
        'distributions[0].fastLaunchConfigurations[0].maxParallelLaunches',
      ],
      [
        'an organization ARN that does not match the pattern',
        {
          name: 'org-bad',
          distributions: [
            amiDistribution('us-west-2'),
            { region: 'us-east-1', amiDistributionConfiguration: { launchPermission: { organizationArns: ['arn:aws:organizations::123:organization/x'] } } },
          ],
        },
        'distributions[1].amiDistributionConfiguration.launchPermission.organizationArns[0]',
      ],
      ['a tag key with the aws: prefix', { name: 'tag-bad', distributions: [amiDistribution()], tags: { 'aws:x': 'y' } }, "parameter 'tags'"],
    ];
    for (const [what, input, fragment] of cases) {
      it(`rejects ${what} with InvalidParameterValueException and creates nothing`, async () => {
        const err = await errorOf(() => srv.client().send(new CreateDistributionConfigurationCommand(input as never)));
        assert.equal(err.name, 'InvalidParameterValueException');
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.ok(err.message.includes(fragment), `message '${err.message}' should include '${fragment}'`);
        assert.ok(err.message.startsWith('The value supplied for parameter '), err.message);
        const list = await srv.client().send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: [input.name as string] }] }));
        assert.deepEqual(list.distributionConfigurationSummaryList, []);
      });
    }
  });

  describe('behaviour', () => {
    it('stores every field and returns the name verbatim with tags', async () => {
      const distributions = [
        {
          region: 'us-east-1',
          amiDistributionConfiguration: {
            name: 'Name {{imagebuilder:buildDate}}',
            description: 'd',
            targetAccountIds: ['111122223333'],
            amiTags: { team: 'platform' },
            kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
            launchPermission: { userIds: ['444455556666'], userGroups: ['all'] },
          },
          launchTemplateConfigurations: [{ launchTemplateId: 'lt-0abcd1234efgh5678', setDefaultVersion: false }],
          ssmParameterConfigurations: [{ parameterName: '/ibex/ami', amiAccountId: '111122223333', dataType: 'aws:ec2:image' as const }],
        },
        {
          region: 'eu-west-1',
          containerDistributionConfiguration: { targetRepository: { service: 'ECR' as const, repositoryName: 'app' }, containerTags: ['latest'] },
        },
      ];
      const created = await srv.client().send(
        new CreateDistributionConfigurationCommand({
          name: 'Full Config',
          description: 'all fields',
          distributions,
          tags: { env: 'test' },
          clientToken: 'tok-full',
        }),
      );
      const got = await srv.client().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: created.distributionConfigurationArn }));
      const dc = got.distributionConfiguration!;
      assert.equal(dc.name, 'Full Config');
      assert.equal(dc.description, 'all fields');
      assert.deepEqual(dc.distributions, distributions);
      assert.deepEqual(dc.tags, { env: 'test' });
      assert.equal(dc.timeoutMinutes, 720);
      assert.equal(dc.dateUpdated, undefined);
      assert.ok(Math.abs(Date.parse(dc.dateCreated!) - Date.now()) < 60_000);
    });

    it('rejects a name whose derived id already exists with ResourceAlreadyExistsException', async () => {
      await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'My Dist', distributions: [amiDistribution()] }));
      const err = await errorOf(() => srv.client().send(new CreateDistributionConfigurationCommand({ name: 'my-dist', distributions: [amiDistribution()] })));
      assert.equal(err.name, 'ResourceAlreadyExistsException');
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.equal(
        err.message,
        "The following resource 'DistributionConfiguration' already exists: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/my-dist'.",
      );
    });

    it('derives the id by lower-casing and turning spaces and underscores into dashes', async () => {
      const out = await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'A_B c', distributions: [amiDistribution()] }));
      assert.ok(out.distributionConfigurationArn!.endsWith('/a-b-c'));
    });

    it('replays the original response for a repeated clientToken and fails on different input', async () => {
      const c = srv.client();
      const first = await c.send(new CreateDistributionConfigurationCommand({ name: 'idem', distributions: [amiDistribution()], clientToken: 'same-token' }));
      const again = await c.send(new CreateDistributionConfigurationCommand({ name: 'idem', distributions: [amiDistribution()], clientToken: 'same-token' }));
      assert.equal(again.distributionConfigurationArn, first.distributionConfigurationArn);
      const err = await errorOf(() =>
        c.send(new CreateDistributionConfigurationCommand({ name: 'idem-other', distributions: [amiDistribution()], clientToken: 'same-token' })),
      );
      assert.equal(err.name, 'IdempotentParameterMismatchException');
      assert.equal(err.$metadata.httpStatusCode, 400);
      const list = await c.send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: ['idem-other'] }] }));
      assert.deepEqual(list.distributionConfigurationSummaryList, []);
    });
  });
});
