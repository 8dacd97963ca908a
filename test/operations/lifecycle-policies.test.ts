// Lifecycle policy CRUD through the SDK: serialization (epoch-second dates, no requestId), the
// service rules beyond the model with their errors, uniqueness on the normalised name, update as
// full replacement, list filters, and delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateLifecyclePolicyCommand,
  DeleteLifecyclePolicyCommand,
  GetLifecyclePolicyCommand,
  ListLifecyclePoliciesCommand,
  ListTagsForResourceCommand,
  UpdateLifecyclePolicyCommand,
  type CreateLifecyclePolicyCommandInput,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { testWorld } from '../helpers/world.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ worldSpec: testWorld(), logLevel: 'silent' })));
after(() => srv.close());

const base = (name: string): CreateLifecyclePolicyCommandInput => ({
  name,
  executionRole: 'LifecycleRole',
  resourceType: 'AMI_IMAGE',
  resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.x.x' }] },
  policyDetails: [
    { action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } }, filter: { type: 'AGE', value: 6, unit: 'MONTHS', retainAtLeast: 2 } },
  ],
  tags: { team: 'platform' },
});

describe('lifecycle policies', () => {
  describe('serialization', () => {
    it('creates, reads and lists a policy with timestamps and tags', async () => {
      const c = srv.client();
      const out = await c.send(new CreateLifecyclePolicyCommand({ ...base('Web Cleanup'), clientToken: 'lc-1' }));
      assert.equal(out.lifecyclePolicyArn, 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/web-cleanup');
      assert.equal(out.clientToken, 'lc-1');
      const p = (await c.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: out.lifecyclePolicyArn }))).lifecyclePolicy!;
      assert.equal(p.name, 'Web Cleanup');
      assert.equal(p.status, 'ENABLED');
      assert.ok(p.dateCreated instanceof Date && Math.abs(p.dateCreated.getTime() - Date.now()) < 60_000);
      assert.deepEqual(p.policyDetails, base('x').policyDetails);
      assert.deepEqual(p.tags, { team: 'platform' });
      assert.deepEqual((await c.send(new ListTagsForResourceCommand({ resourceArn: out.lifecyclePolicyArn }))).tags, { team: 'platform' });
      const list = await c.send(new ListLifecyclePoliciesCommand({ filters: [{ name: 'name', values: ['Web Cleanup'] }] }));
      assert.deepEqual(
        list.lifecyclePolicySummaryList!.map((s) => [s.arn, s.resourceType, s.status]),
        [[out.lifecyclePolicyArn, 'AMI_IMAGE', 'ENABLED']],
      );
    });
  });

  describe('validation', () => {
    it('rejects the rules the model cannot express with InvalidRequestException', async () => {
      const cases: [Partial<CreateLifecyclePolicyCommandInput>, RegExp][] = [
        [{ resourceSelection: { recipes: [{ name: 'web', semanticVersion: '1.0.0' }], tagMap: { a: 'b' } } }, /exactly one of recipes or tagMap/],
        [{ resourceSelection: {} }, /exactly one of recipes or tagMap/],
        [
          {
            policyDetails: [
              { action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1 } },
              { action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 2 } },
            ],
          },
          /DELETE appears more than once/,
        ],
        [{ policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'AGE', value: 1 } }] }, /AGE filter needs a unit/],
        [{ policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1, retainAtLeast: 1 } }] }, /retainAtLeast applies only to AGE/],
        [
          { policyDetails: [{ action: { type: 'DEPRECATE', includeResources: { snapshots: true } }, filter: { type: 'COUNT', value: 1 } }] },
          /only in a DELETE rule/,
        ],
        [
          { policyDetails: [{ action: { type: 'DELETE', includeResources: { containers: true } }, filter: { type: 'COUNT', value: 1 } }] },
          /AMI_IMAGE policies cannot include containers/,
        ],
        [
          { resourceType: 'CONTAINER_IMAGE', policyDetails: [{ action: { type: 'DISABLE' }, filter: { type: 'COUNT', value: 1 } }] },
          /support only the DELETE action/,
        ],
      ];
      for (const [change, message] of cases) {
        const err = await errorOf(() =>
          srv.client().send(new CreateLifecyclePolicyCommand({ ...base('rules'), ...change } as CreateLifecyclePolicyCommandInput)),
        );
        assert.equal(err.name, 'InvalidRequestException', JSON.stringify(change));
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.match(err.message, message);
      }
      // A model constraint (the account id pattern) is reported with the parameter's path.
      const bad = await errorOf(() =>
        srv.client().send(
          new CreateLifecyclePolicyCommand({
            ...base('rules'),
            policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1 }, exclusionRules: { amis: { sharedAccounts: ['12'] } } }],
          }),
        ),
      );
      assert.equal(bad.name, 'InvalidParameterValueException');
      assert.match(bad.message, /^The value supplied for parameter 'policyDetails\[0\]\.exclusionRules\.amis\.sharedAccounts\[0\]' is not valid\./);
      // Nothing was created.
      const err = await errorOf(() =>
        srv.client().send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn: 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/rules' })),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
    });

    it('rejects a second policy with the same normalised name', async () => {
      await srv.client().send(new CreateLifecyclePolicyCommand(base('dup_name')));
      const err = await errorOf(() => srv.client().send(new CreateLifecyclePolicyCommand(base('dup name'))));
      assert.equal(err.name, 'ResourceAlreadyExistsException');
    });
  });

  describe('behaviour', () => {
    it('updates as a full replacement, refuses a resource type change, and deletes', async () => {
      const c = srv.client();
      const { lifecyclePolicyArn } = await c.send(new CreateLifecyclePolicyCommand({ ...base('replace-me'), description: 'first' }));
      const update = {
        lifecyclePolicyArn,
        executionRole: 'OtherRole',
        resourceType: 'AMI_IMAGE' as const,
        status: 'DISABLED' as const,
        resourceSelection: { tagMap: { app: 'web' } },
        policyDetails: [{ action: { type: 'DEPRECATE' as const }, filter: { type: 'COUNT' as const, value: 3 } }],
      };
      await c.send(new UpdateLifecyclePolicyCommand(update));
      const p = (await c.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn }))).lifecyclePolicy!;
      assert.deepEqual(
        [p.executionRole, p.status, p.description, p.resourceSelection, p.policyDetails],
        ['OtherRole', 'DISABLED', undefined, { tagMap: { app: 'web' } }, update.policyDetails],
      );
      assert.ok(p.dateUpdated instanceof Date);
      const disabled = await c.send(new ListLifecyclePoliciesCommand({ filters: [{ name: 'status', values: ['DISABLED'] }] }));
      assert.deepEqual(
        disabled.lifecyclePolicySummaryList!.map((s) => s.arn),
        [lifecyclePolicyArn],
      );
      const err = await errorOf(() =>
        c.send(
          new UpdateLifecyclePolicyCommand({
            ...update,
            resourceType: 'CONTAINER_IMAGE',
            policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 1 } }],
          }),
        ),
      );
      assert.equal(err.name, 'InvalidParameterCombinationException');
      assert.equal((await c.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn }))).lifecyclePolicyArn, lifecyclePolicyArn);
      assert.equal((await errorOf(() => c.send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn })))).name, 'ResourceNotFoundException');
      assert.equal((await errorOf(() => c.send(new DeleteLifecyclePolicyCommand({ lifecyclePolicyArn })))).name, 'ResourceNotFoundException');
    });

    it('hides a policy from other accounts', async () => {
      const { lifecyclePolicyArn } = await srv.client().send(new CreateLifecyclePolicyCommand(base('private')));
      const err = await errorOf(() => srv.client('111122223333').send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn })));
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.deepEqual((await srv.client('111122223333').send(new ListLifecyclePoliciesCommand({}))).lifecyclePolicySummaryList, []);
    });
  });
});
