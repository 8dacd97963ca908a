// OU-following targets in the simulated world: settings tagged ibex:copyToOrganizationalUnits copy
// to every account of the OU (nested OU included) and the plan names the OU each came from; with
// ibex:follow=true an account moved into the OU (world admin API) gets one catch-up copy per Region
// and nothing else is copied twice; an account that leaves keeps its copies and is no longer planned.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand, GetImageCommand } from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { A1, A2, A3, A4, APPS, OWNER, SOURCE_AMI, beyondWorld, organization } from './world.js';
import { amisOf, call, waitForRun } from './api.js';

let srv: TestServer;
let configArn: string;
let imageArn: string;
const REGIONS = ['us-east-1', 'us-west-2'];
const each = (accounts: string[]) => Object.fromEntries(REGIONS.flatMap((r) => accounts.map((a) => [`${r}/${a}`, 1])).sort());

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0 });
  configArn = (
    await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'follow-apps',
        distributions: REGIONS.map((region) => ({ region, amiDistributionConfiguration: { name: `apps-${region} {{ imagebuilder:buildDate }}` } })),
        tags: { 'ibex:copyToOrganizationalUnits': APPS, 'ibex:follow': 'true' },
      }),
    )
  ).distributionConfigurationArn!;
});
after(() => srv.close());

type Plan = { jobs: { key: string; accountId: string; origin?: string; outcome: string }[] };
const plan = async () => (await call<Plan>(srv.url, 'POST', '/_ibex/plan', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI })).body;
const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort());

describe('targets that follow an OU', () => {
  it('the plan copies to the OU and its nested OU, naming where each account came from', async () => {
    const p = await plan();
    const east = p.jobs
      .filter((j) => j.key.startsWith('ami:us-east-1:'))
      .map((j) => `${j.accountId} ${j.origin} ${j.outcome}`)
      .sort();
    assert.deepEqual(east, [`${OWNER} owner ok`, `${A1} ${APPS} ok`, `${A2} ${APPS} ok`, `${A3} ${APPS} ok`].sort());
  });

  it('a distribution copies to the three accounts of the OU in every Region', async () => {
    const c = srv.client();
    imageArn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: configArn, executionRole: 'r' })))
      .imageBuildVersionArn!;
    const image = await waitForImage(c, imageArn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(sorted(await amisOf(srv.url, imageArn)), each([OWNER, A1, A2, A3]));
  });

  it('an account moved into the OU gets its catch-up copies, and nothing is copied twice', async () => {
    const before = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    const moved = await call(srv.url, 'POST', '/_ibex/world', { organizations: [organization([], [A1, A4])] });
    assert.equal(moved.status, 200);
    const sync = await call<{
      configurations: {
        distributionConfigurationArn: string;
        imageArn: string;
        caughtUp: { accountId: string; ouArn: string; runId: string; jobs: string[] }[];
        left: string[];
      }[];
    }>(srv.url, 'POST', '/_ibex/follow');
    assert.equal(sync.status, 200);
    const entry = sync.body.configurations.find((e) => e.distributionConfigurationArn === configArn)!;
    assert.equal(entry.imageArn, imageArn);
    assert.deepEqual(
      entry.caughtUp.map((u) => [u.accountId, u.ouArn, u.jobs.sort()]),
      [[A4, APPS, [`ami:us-east-1:${A4}`, `ami:us-west-2:${A4}`]]],
    );
    assert.deepEqual(entry.left, []);
    const run = await waitForRun(srv.url, entry.caughtUp[0]!.runId);
    assert.equal(run.status, 'succeeded');
    // Only the new account's grant, copy and wait ran; the owner's AMIs were carried over.
    assert.deepEqual(
      run.steps.filter((s) => s.status !== 'succeeded'),
      [],
    );
    assert.deepEqual(sorted(await amisOf(srv.url, imageArn)), each([OWNER, A1, A2, A3, A4]));
    // A second sync finds nothing to do.
    const again = await call<{ configurations: { caughtUp: unknown[] }[] }>(srv.url, 'POST', '/_ibex/follow');
    assert.deepEqual(
      again.body.configurations.map((e) => e.caughtUp),
      [[]],
    );
    assert.deepEqual(sorted(await amisOf(srv.url, imageArn)), each([OWNER, A1, A2, A3, A4]));
    // The image's AWS-shaped record is untouched by the catch-up.
    const after = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    assert.deepEqual(after.image?.outputResources, before.image?.outputResources);
    assert.equal(after.image?.state?.status, 'AVAILABLE');
  });

  it('an account that leaves keeps its copies and is no longer targeted', async () => {
    await call(srv.url, 'POST', '/_ibex/world', { organizations: [organization([A1], [A4])] });
    const sync = await call<{ configurations: { caughtUp: unknown[]; left: string[] }[] }>(srv.url, 'POST', '/_ibex/follow');
    assert.deepEqual(
      sync.body.configurations.map((e) => [e.caughtUp, e.left]),
      [[[], [A1]]],
    );
    assert.equal((await amisOf(srv.url, imageArn))[`us-east-1/${A1}`], 1, 'A1 keeps its copy');
    const p = await plan();
    assert.deepEqual(
      p.jobs
        .filter((j) => j.key.startsWith('ami:us-east-1:'))
        .map((j) => j.accountId)
        .sort(),
      [OWNER, A2, A3, A4].sort(),
    );
  });

  it('an OU tag that is not an OU ARN fails DistributeImage with the reason', async () => {
    const c = srv.client();
    const bad = (
      await c.send(
        new CreateDistributionConfigurationCommand({
          name: 'bad-ou',
          distributions: [{ region: 'us-east-1', amiDistributionConfiguration: {} }],
          tags: { 'ibex:copyToOrganizationalUnits': 'ou-nope' },
        }),
      )
    ).distributionConfigurationArn!;
    const e = await errorOf(() => c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn: bad, executionRole: 'r' })));
    assert.equal(e.name, 'InvalidParameterValueException');
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /Tag ibex:copyToOrganizationalUnits: 'ou-nope' is not an organizational unit ARN/);
  });
});
