// The world's clock admin route: reads, moves forward only, rejects bad input with 400 and a
// message, and dates what the API creates afterwards by the moved clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateLifecyclePolicyCommand, GetLifecyclePolicyCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { testWorld } from '../helpers/world.js';

let srv: TestServer;
before(async () => (srv = await startTestServer({ worldSpec: testWorld(), logLevel: 'silent' })));
after(() => srv.close());

const post = async (path: string, body: string) => {
  const r = await fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: r.status, json: (await r.json()) as Record<string, any> };
};

describe('POST /_ibex/clock', () => {
  it('moves the world forward and API dates follow it', async () => {
    const before = (await (await fetch(`${srv.url}/_ibex/clock`)).json()) as { now: string; offsetMs: number };
    assert.equal(before.offsetMs, 0);
    const r = await post('/_ibex/clock', JSON.stringify({ advance: '90d' }));
    assert.equal(r.status, 200);
    assert.equal(r.json.offsetMs, 90 * 86_400_000);
    assert.ok(Date.parse(r.json.now) - Date.parse(before.now) >= 90 * 86_400_000);
    const { lifecyclePolicyArn } = await srv.client().send(
      new CreateLifecyclePolicyCommand({
        name: 'dated',
        executionRole: 'LifecycleRole',
        resourceType: 'AMI_IMAGE',
        resourceSelection: { tagMap: { a: 'b' } },
        policyDetails: [{ action: { type: 'DELETE' }, filter: { type: 'COUNT', value: 5 } }],
      }),
    );
    const got = await srv.client().send(new GetLifecyclePolicyCommand({ lifecyclePolicyArn }));
    assert.ok(got.lifecyclePolicy!.dateCreated!.getTime() - Date.now() > 89 * 86_400_000, 'dated by the world clock');
  });

  it('rejects bad input with 400 and changes nothing', async () => {
    const { offsetMs } = (await (await fetch(`${srv.url}/_ibex/clock`)).json()) as { offsetMs: number };
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['{nope', /not valid JSON/],
      ['[]', /JSON object/],
      ['{}', /exactly one of/],
      ['{"advance":"3 days"}', /"advance" must look like/],
      ['{"advanceMs":-5}', /whole number/],
      ['{"to":"2001-01-01T00:00:00Z"}', /only moves forward/],
      ['{"advance":"99999d"}', /at most/],
      ['{"advance":"1d","advanceMs":5}', /exactly one of/],
    ];
    for (const [body, message] of cases) {
      const r = await post('/_ibex/clock', body);
      assert.equal(r.status, 400, body);
      assert.match(r.json.message, message, body);
    }
    const after = (await (await fetch(`${srv.url}/_ibex/clock`)).json()) as { offsetMs: number };
    assert.equal(after.offsetMs, offsetMs);
    const run = await post('/_ibex/lifecycle/run', '{"lifecyclePolicyArn":"nope"}');
    assert.equal(run.status, 400);
    const missing = await post('/_ibex/lifecycle/run', '{"lifecyclePolicyArn":"arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/none"}');
    assert.equal(missing.status, 404);
  });
});
