// Rollback in the simulated world: after two images were distributed with the same settings,
// `ibex rollback --to <first>` plans and re-points the SSM parameters and launch-template defaults
// in two Regions and two accounts back to the first image's AMIs, and refuses, with the reason,
// where that AMI was deregistered or is no longer launchable by the account.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDistributionConfigurationCommand, DistributeImageCommand } from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { runCli } from '../cli/run-cli.js';
import { A1, OWNER, OWNER_LT, SOURCE_AMI, beyondWorld, memberLt } from './world.js';
import { call, waitForRun, type WorldImage } from './api.js';

let srv: TestServer;
let first: string;
let second: string;
const PARAM = '/app/ami';
const REGIONS = ['us-east-1', 'us-west-2'] as const;

type World = {
  images: WorldImage[];
  launchTemplates: { launchTemplateId: string; accountId: string; defaultVersion: number; versions: { versionNumber: number; imageId?: string }[] }[];
  ssmParameters: { accountId: string; region: string; name: string; value: string }[];
};
const world = async () => (await call<World>(srv.url, 'GET', '/_ibex/world')).body;
const ami = (w: World, image: string, accountId: string, region: string) =>
  w.images.find((i) => i.tags.Ec2ImageBuilderArn === image && i.accountId === accountId && i.region === region)!.imageId;
const param = (w: World, accountId: string, region: string) =>
  w.ssmParameters.find((p) => p.accountId === accountId && p.region === region && p.name === PARAM)!.value;
const defaultAmi = (w: World, id: string) => {
  const t = w.launchTemplates.find((x) => x.launchTemplateId === id)!;
  return t.versions.find((v) => v.versionNumber === t.defaultVersion)!.imageId;
};

before(async () => {
  srv = await startTestServer({ worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0 });
  const c = srv.client();
  const { distributionConfigurationArn } = await c.send(
    new CreateDistributionConfigurationCommand({
      name: 'rolling',
      distributions: REGIONS.map((region) => ({
        region,
        amiDistributionConfiguration: { name: `r-${region} {{ imagebuilder:buildDate }} {{ imagebuilder:buildVersion }}`, targetAccountIds: [A1] },
        launchTemplateConfigurations: [
          { launchTemplateId: OWNER_LT[region] },
          ...(region === 'us-west-2' ? [{ launchTemplateId: memberLt(1), accountId: A1 }] : []),
        ],
        ssmParameterConfigurations: [{ parameterName: PARAM }, { parameterName: PARAM, amiAccountId: A1 }],
      })),
    }),
  );
  for (const _ of [1, 2]) {
    const arn = (await c.send(new DistributeImageCommand({ sourceImage: SOURCE_AMI, distributionConfigurationArn, executionRole: 'r' }))).imageBuildVersionArn!;
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    if (!first) first = arn;
    else second = arn;
  }
});
after(() => srv.close());

describe('rollback everywhere', () => {
  it('plans each change back to the earlier AMIs, changing nothing', async () => {
    const w = await world();
    assert.equal(param(w, A1, 'us-west-2'), ami(w, second, A1, 'us-west-2'), 'the second image is current');
    const r = await call<{
      changes: { region: string; accountId: string; kind: string; resource: string; from: string; to: string; outcome: string }[];
      summary: unknown;
      runId?: string;
    }>(srv.url, 'POST', '/_ibex/rollback', { to: first, dryRun: true });
    assert.equal(r.status, 200);
    assert.equal(r.body.runId, undefined);
    assert.deepEqual(r.body.summary, { change: 7, unchanged: 0, refused: 0 });
    const ssm = r.body.changes.filter((c) => c.kind === 'ssmParameter').map((c) => [c.region, c.accountId, c.from, c.to]);
    assert.deepEqual(ssm, REGIONS.flatMap((region) => [OWNER, A1].sort().map((a) => [region, a, ami(w, second, a, region), ami(w, first, a, region)])).sort());
    assert.equal(param(await world(), A1, 'us-west-2'), ami(w, second, A1, 'us-west-2'), 'a dry run changes nothing');
  });

  it('re-points parameters and templates in two Regions and two accounts, refusing where the AMI is gone or not launchable', async () => {
    let w = await world();
    // The first image's copy in A1/us-west-2 is deregistered; A1 may no longer launch the owner's first AMI in us-west-2.
    await srv.world.ports.ec2.deregisterImage({ accountId: A1, region: 'us-west-2' }, { imageId: ami(w, first, A1, 'us-west-2') });
    const ownerWestFirst = ami(w, first, OWNER, 'us-west-2');
    await srv.world.ports.ec2.modifyImageAttribute(
      { accountId: OWNER, region: 'us-west-2' },
      { imageId: ownerWestFirst, launchPermission: { remove: [{ userId: A1 }] } },
    );

    const r = await runCli(['rollback', '--to', first, '--wait', '--endpoint-url', srv.url]);
    assert.equal(r.code, 1, 'refusals make the command fail');
    assert.match(r.stdout, /5 to change, 0 unchanged, 2 refused/);
    assert.match(
      r.stdout,
      new RegExp(
        `us-west-2\\s+${A1}\\s+ssmParameter\\s+/app/ami\\s+\\S+\\s+\\S+\\s+REFUSED: AMI ${ami(w, first, A1, 'us-west-2')} of account ${A1} no longer exists in us-west-2 \\(deregistered\\)\\.`,
      ),
    );
    assert.match(
      r.stdout,
      new RegExp(
        `us-west-2\\s+${A1}\\s+launchTemplate\\s+${memberLt(1)}\\s+.*REFUSED: AMI ${ownerWestFirst} of account ${OWNER} is not launchable by account ${A1} in us-west-2: it is not shared with that account\\.`,
      ),
    );
    assert.match(r.stdout, /^rollback succeeded$/m);

    const before = w;
    w = await world();
    for (const region of REGIONS) {
      assert.equal(param(w, OWNER, region), ami(w, first, OWNER, region), `owner parameter in ${region}`);
      assert.equal(defaultAmi(w, OWNER_LT[region]), ami(w, first, OWNER, region), `owner template in ${region}`);
    }
    assert.equal(param(w, A1, 'us-east-1'), ami(w, first, A1, 'us-east-1'));
    // The refused ones still point to the second image.
    assert.equal(param(w, A1, 'us-west-2'), param(before, A1, 'us-west-2'));
    assert.equal(defaultAmi(w, memberLt(1)), ami(w, second, OWNER, 'us-west-2'));
    // No new launch-template versions: the defaults went back to the first image's versions.
    assert.deepEqual(
      w.launchTemplates.map((t) => t.versions.length),
      before.launchTemplates.map((t) => t.versions.length),
    );
  });

  it('a second rollback finds nothing to change, and rolling forward again re-points the rest', async () => {
    const again = await call<{ summary: { change: number; unchanged: number; refused: number }; runId?: string }>(srv.url, 'POST', '/_ibex/rollback', {
      to: first,
    });
    assert.deepEqual(again.body.summary, { change: 0, unchanged: 5, refused: 2 });
    assert.equal(again.body.runId, undefined);
    const forward = await call<{ runId: string; summary: { change: number } }>(srv.url, 'POST', '/_ibex/rollback', { to: second });
    assert.equal(forward.body.summary.change, 5);
    assert.equal((await waitForRun(srv.url, forward.body.runId)).status, 'succeeded');
    const w = await world();
    assert.equal(param(w, OWNER, 'us-east-1'), ami(w, second, OWNER, 'us-east-1'));
    const bad = await call<{ message: string }>(srv.url, 'POST', '/_ibex/rollback', {});
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /^to is required/);
  });

  it('refuses where the earlier AMI is disabled (not launchable), and changes nothing there', async () => {
    const w = await world();
    const ownerEastFirst = ami(w, first, OWNER, 'us-east-1');
    await srv.world.ports.ec2.disableImage({ accountId: OWNER, region: 'us-east-1' }, { imageId: ownerEastFirst });
    const r = await runCli(['rollback', '--to', first, '--dry-run', '--json', '--endpoint-url', srv.url]);
    assert.equal(r.code, 1, 'a refusal fails the dry run too');
    const plan = JSON.parse(r.stdout) as { changes: { region: string; accountId: string; kind: string; resource: string; outcome: string; reason?: string }[] };
    const east = plan.changes.filter((c) => c.region === 'us-east-1').map((c) => [c.accountId, c.kind, c.resource, c.outcome, c.reason]);
    const why = `AMI ${ownerEastFirst} of account ${OWNER} is disabled in us-east-1: it cannot be launched until it is enabled again (EnableImage).`;
    assert.deepEqual(east, [
      // A1's parameter holds A1's own copy, which is not disabled.
      [A1, 'ssmParameter', PARAM, 'change', undefined],
      [OWNER, 'launchTemplate', OWNER_LT['us-east-1'], 'refused', why],
      [OWNER, 'ssmParameter', PARAM, 'refused', why],
    ]);
    const done = await call<{ runId: string; summary: { change: number; refused: number } }>(srv.url, 'POST', '/_ibex/rollback', { to: first });
    assert.equal((await waitForRun(srv.url, done.body.runId)).status, 'succeeded');
    const after = await world();
    assert.equal(param(after, OWNER, 'us-east-1'), ami(w, second, OWNER, 'us-east-1'), 'the refused parameter still names the second image');
    assert.equal(defaultAmi(after, OWNER_LT['us-east-1']), ami(w, second, OWNER, 'us-east-1'));
    assert.equal(param(after, A1, 'us-east-1'), ami(w, first, A1, 'us-east-1'));
  });
});
