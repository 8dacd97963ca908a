// TagResource over HTTP with the AWS SDK: POST /tags/{percent-encoded ARN}.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  CreateWorkflowCommand,
  GetWorkflowCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import { amiDistribution, errorOf, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let arn: string;
before(async () => {
  srv = await startTestServer();
  arn = (await srv.client().send(new CreateDistributionConfigurationCommand({ name: 'tag-me', distributions: [amiDistribution()], tags: { a: '1' } })))
    .distributionConfigurationArn!;
});
after(() => srv.close());

describe('TagResource', () => {
  describe('serialization', () => {
    it('returns an empty body and reads the ARN from one percent-encoded path segment', async () => {
      const res = await fetch(`${srv.url}/tags/${encodeURIComponent(arn)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00',
        },
        body: JSON.stringify({ tags: { raw: 'yes' } }),
      });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), {});
    });
  });

  describe('validation', () => {
    it('rejects an aws: tag key with InvalidParameterException', async () => {
      const err = await errorOf(() => srv.client().send(new TagResourceCommand({ resourceArn: arn, tags: { 'aws:owner': 'x' } })));
      assert.equal(err.name, 'InvalidParameterException');
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.ok(err.message.includes("parameter 'tags'"));
    });

    it('rejects more than 50 tags in total and changes nothing', async () => {
      const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
      const err = await errorOf(() => srv.client().send(new TagResourceCommand({ resourceArn: arn, tags: many })));
      assert.equal(err.name, 'InvalidParameterException');
      const tags = (await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {};
      assert.equal(tags.k0, undefined);
    });
  });

  describe('behaviour', () => {
    it('adds and overwrites tags', async () => {
      await srv.client().send(new TagResourceCommand({ resourceArn: arn, tags: { a: '2', b: '3' } }));
      const out = await srv.client().send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.equal(out.tags?.a, '2');
      assert.equal(out.tags?.b, '3');
    });

    it('returns ResourceNotFoundException (404) for an unknown resource', async () => {
      const err = await errorOf(() =>
        srv
          .client()
          .send(new TagResourceCommand({ resourceArn: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none', tags: { a: 'b' } })),
      );
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.$metadata.httpStatusCode, 404);
    });
  });
  describe('workflows', () => {
    const doc = 'schemaVersion: 1.0\nsteps:\n  - name: Wait\n    action: WaitForAction\n';
    it('tags, lists and untags a workflow build, and GetWorkflow shows the change', async () => {
      const c = srv.client();
      const { workflowBuildVersionArn: wf } = await c.send(
        new CreateWorkflowCommand({ name: 'tag-wf', semanticVersion: '1.0.0', type: 'TEST', data: doc, tags: { a: '1' } }),
      );
      await c.send(new TagResourceCommand({ resourceArn: wf, tags: { team: 'qa', a: '2' } }));
      assert.deepEqual((await c.send(new ListTagsForResourceCommand({ resourceArn: wf }))).tags, { a: '2', team: 'qa' });
      await c.send(new UntagResourceCommand({ resourceArn: wf, tagKeys: ['a'] }));
      assert.deepEqual((await c.send(new GetWorkflowCommand({ workflowBuildVersionArn: wf }))).workflow?.tags, { team: 'qa' });
    });

    it('answers 404 for a workflow build that does not exist and for a version ARN without its build', async () => {
      const c = srv.client();
      const { workflowBuildVersionArn: wf } = await c.send(new CreateWorkflowCommand({ name: 'tag-wf-2', semanticVersion: '1.0.0', type: 'BUILD', data: doc }));
      for (const resourceArn of [wf!.replace(/\/1$/, '/9'), wf!.replace(/\/1$/, ''), wf!.replace('workflow/build', 'workflow/test')]) {
        const err = await errorOf(() => c.send(new TagResourceCommand({ resourceArn, tags: { a: 'b' } })));
        assert.equal(err.name, 'ResourceNotFoundException', resourceArn);
        assert.equal(err.message, `The resource '${resourceArn}' does not exist.`);
      }
      assert.deepEqual((await c.send(new ListTagsForResourceCommand({ resourceArn: wf }))).tags, {});
    });
  });
});
