// The beyond-AWS admin routes behind the admin guard: a state-changing request without
// Content-Type: application/json is refused (415), and a request whose credentials name another
// account sees none of the owner's images, rollouts or runs (403/404) and changes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { A1, SOURCE_AMI, beyondWorld } from './world.js';

let srv: TestServer;
let imageArn: string;
let configArn: string;
// Without --strict-auth the guard takes the caller's account from the SigV4 credential scope.
const as = (account: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${account}/20260101/us-east-1/imagebuilder/aws4_request, SignedHeaders=host, Signature=00`,
});

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0 });
  const c = srv.client();
  configArn = (
    await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'guarded',
        distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'g {{ imagebuilder:buildDate }}' } }],
      }),
    )
  ).distributionConfigurationArn!;
  imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: configArn, executionRole: 'r' })))
    .imageBuildVersionArn!;
  assert.equal((await waitForImage(c, imageArn)).state?.status, 'AVAILABLE');
});
after(() => srv.close());

describe('beyond routes behind the admin guard', () => {
  it('refuses a state-changing request that does not say JSON', async () => {
    const res = await fetch(`${srv.url}/_ibex/drift/repair`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ imageBuildVersionArn: imageArn }),
    });
    assert.equal(res.status, 415);
    assert.equal(((await res.json()) as { __type: string }).__type, 'UnsupportedMediaTypeException');
  });

  it("limits another account's caller to its own images, settings and rollouts", async () => {
    const drift = await fetch(`${srv.url}/_ibex/drift?imageBuildVersionArn=${encodeURIComponent(imageArn)}`, { headers: as(A1) });
    assert.equal(drift.status, 403);
    assert.equal(((await drift.json()) as { message: string }).message, `'${imageArn}' belongs to account 123456789012, not to the caller's account ${A1}.`);
    const json = { 'content-type': 'application/json', ...as(A1) };
    const rb = await fetch(`${srv.url}/_ibex/rollback`, { method: 'POST', headers: json, body: JSON.stringify({ to: imageArn }) });
    assert.equal(rb.status, 403);
    const diff = await fetch(`${srv.url}/_ibex/plan`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ distributionConfigurationArn: configArn, distributions: [] }),
    });
    assert.equal(diff.status, 403);
    const rollout = await fetch(`${srv.url}/_ibex/rollouts`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: [{ name: 'all' }] }),
    });
    assert.equal(rollout.status, 403);
    const own = await fetch(`${srv.url}/_ibex/rollouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: [{ name: 'all', approval: true }] }),
    });
    assert.equal(own.status, 201);
    const id = ((await own.json()) as { rolloutId: string }).rolloutId;
    const list = (await (await fetch(`${srv.url}/_ibex/rollouts`, { headers: as(A1) })).json()) as { rollouts: unknown[] };
    assert.deepEqual(list.rollouts, []);
    const approve = await fetch(`${srv.url}/_ibex/rollouts/${id}/approve`, { method: 'POST', headers: json });
    assert.equal(approve.status, 404);
    const still = (await (await fetch(`${srv.url}/_ibex/rollouts/${id}`)).json()) as { status: string };
    assert.equal(still.status, 'waiting-approval', "the other account's approve changed nothing");
  });
});
