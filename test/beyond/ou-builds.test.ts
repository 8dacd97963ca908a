// OU-following targets where a build starts a distribution: CreateImage and a pipeline run
// (StartImagePipelineExecution) with settings tagged ibex:copyToOrganizationalUnits copy to every
// account of the OU (nested OU included), each job of the image's run naming the OU the account
// came from; a built image is caught up by the follow sync like a distributed one; a bad OU tag
// fails CreateImage and StartImagePipelineExecution with the reason and creates no image; a
// scheduled run expands the tag too, and one whose tag is bad is skipped with the reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateImagePipelineCommand,
  ListImageBuildVersionsCommand,
  StartImagePipelineExecutionCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { ManualClock } from '../../src/domain/clock.js';
import { AMAZON, LINUX_PARENT, buildInputs } from '../pipelines/fixtures.js';
import { A1, A2, A3, A4, APPS, OWNER, beyondWorld, organization } from './world.js';
import { amisOf, call, waitForRun } from './api.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const each = (accounts: string[]) => Object.fromEntries(REGIONS.flatMap((r) => accounts.map((a) => [`${r}/${a}`, 1])).sort());
const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort());

let srv: TestServer;
let c: ImagebuilderClient;

/** The beyond world plus Amazon's Linux parent in us-east-1, so that recipes can build. */
function world() {
  const w = beyondWorld();
  w.accounts!.push({
    id: AMAZON,
    name: 'amazon',
    amazonManaged: true,
    images: [{ region: 'us-east-1', imageId: LINUX_PARENT, name: 'al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64', platform: 'Linux', public: true }],
  });
  return w;
}

/** Recipe and infrastructure named `name`, and settings copying to the OU Apps in both Regions. */
async function inputs(name: string, tags: Record<string, string> = { 'ibex:copyToOrganizationalUnits': APPS }) {
  const base = await buildInputs(c, name);
  const dist = await c.send(
    new CreateDistributionConfigurationCommand({
      name: `${name}-dist`,
      distributions: REGIONS.map((region) => ({ region, amiDistributionConfiguration: { name: `${name}-${region} {{ imagebuilder:buildDate }}` } })),
      tags,
    }),
  );
  return { ...base, distributionConfigurationArn: dist.distributionConfigurationArn! };
}

type Runs = { runs: { runId: string; imageArn: string; status: string; jobs: { key: string; kind: string; accountId: string; origin?: string }[] }[] };

/** `account origin` of each AMI job in us-east-1 of the image's first run. */
async function origins(imageArn: string): Promise<string[]> {
  const r = await call<Runs>(srv.url, 'GET', `/_ibex/runs?imageBuildVersionArn=${encodeURIComponent(imageArn)}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.runs[0]!.imageArn, imageArn);
  return r.body.runs[0]!.jobs.filter((j) => j.kind === 'ami' && j.key.startsWith('ami:us-east-1:'))
    .map((j) => `${j.accountId} ${j.origin}`)
    .sort();
}

const EXPECTED_ORIGINS = [`${OWNER} owner`, `${A1} ${APPS}`, `${A2} ${APPS}`, `${A3} ${APPS}`].sort();

before(async () => {
  srv = await startTestServer({ worldSpec: world(), buildPollMs: 5, runner: { pollMs: 5 }, followIntervalMs: 0 });
  c = srv.client();
});
after(() => srv.close());

describe('OU-following targets of builds', () => {
  it('CreateImage copies to the three accounts of the OU in every Region, each job naming its OU', async () => {
    const arn = (await c.send(new CreateImageCommand({ ...(await inputs('ou-create')), executionRole: 'r' }))).imageBuildVersionArn!;
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(sorted(await amisOf(srv.url, arn)), each([OWNER, A1, A2, A3]));
    assert.deepEqual(image.outputResources?.amis?.map((a) => `${a.region}/${a.accountId}`).sort(), Object.keys(each([OWNER, A1, A2, A3])));
    assert.deepEqual(await origins(arn), EXPECTED_ORIGINS);
  });

  it('a pipeline run copies to the OU too', async () => {
    const i = await inputs('ou-pipeline');
    const pipelineArn = (await c.send(new CreateImagePipelineCommand({ name: 'ou-pipeline', ...i, executionRole: 'r' }))).imagePipelineArn!;
    const arn = (await c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }))).imageBuildVersionArn!;
    const image = await waitForImage(c, arn);
    assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
    assert.deepEqual(sorted(await amisOf(srv.url, arn)), each([OWNER, A1, A2, A3]));
    assert.deepEqual(await origins(arn), EXPECTED_ORIGINS);
  });

  it('a built image with ibex:follow=true is caught up when an account joins the OU', async () => {
    const arn = (
      await c.send(
        new CreateImageCommand({ ...(await inputs('ou-follow', { 'ibex:copyToOrganizationalUnits': APPS, 'ibex:follow': 'true' })), executionRole: 'r' }),
      )
    ).imageBuildVersionArn!;
    assert.equal((await waitForImage(c, arn)).state?.status, 'AVAILABLE');
    assert.equal((await call(srv.url, 'POST', '/_ibex/world', { organizations: [organization([], [A1, A4])] })).status, 200);
    const sync = await call<{ configurations: { imageArn?: string; caughtUp: { accountId: string; runId: string; jobs: string[] }[] }[] }>(
      srv.url,
      'POST',
      '/_ibex/follow',
    );
    const entry = sync.body.configurations.find((e) => e.imageArn === arn)!;
    assert.deepEqual(
      entry.caughtUp.map((u) => [u.accountId, u.jobs.sort()]),
      [[A4, [`ami:us-east-1:${A4}`, `ami:us-west-2:${A4}`]]],
    );
    assert.equal((await waitForRun(srv.url, entry.caughtUp[0]!.runId)).status, 'succeeded');
    assert.deepEqual(sorted(await amisOf(srv.url, arn)), each([OWNER, A1, A2, A3, A4]));
    await call(srv.url, 'POST', '/_ibex/world', { organizations: [organization()] });
  });

  it('a bad OU tag fails CreateImage and StartImagePipelineExecution with the reason, and no image is created', async () => {
    const i = await inputs('ou-bad', { 'ibex:copyToOrganizationalUnits': 'ou-nope' });
    const e = await errorOf(() => c.send(new CreateImageCommand({ ...i, executionRole: 'r' })));
    assert.equal(e.name, 'InvalidParameterValueException');
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.equal(e.message, "Tag ibex:copyToOrganizationalUnits: 'ou-nope' is not an organizational unit ARN (arn:aws:organizations::<account>:ou/o-…/ou-…).");
    const pipelineArn = (await c.send(new CreateImagePipelineCommand({ name: 'ou-bad', ...i, executionRole: 'r' }))).imagePipelineArn!;
    const e2 = await errorOf(() => c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn })));
    assert.equal(e2.name, 'InvalidParameterValueException');
    assert.equal(e2.message, e.message);
    const versions = await c.send(new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/ou-bad/1.0.0` }));
    assert.deepEqual(versions.imageSummaryList, []);
  });
});

describe('OU-following targets of a scheduled pipeline run', () => {
  it('a scheduled build copies to the OU, and a bad OU tag skips the run with the reason (no image)', async () => {
    const clock = new ManualClock(Date.parse('2025-01-06T00:00:00.000Z'));
    const sched = await startTestServer({
      worldSpec: world(),
      clock,
      schedulerIntervalMs: 1_000_000_000,
      buildPollMs: 5,
      runner: { pollMs: 5 },
      followIntervalMs: 0,
    });
    const saved = c;
    try {
      c = sched.client();
      const schedule = { scheduleExpression: 'rate(1 hour)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' as const };
      const good = (await c.send(new CreateImagePipelineCommand({ name: 'ou-scheduled', ...(await inputs('ou-scheduled')), schedule, executionRole: 'r' })))
        .imagePipelineArn!;
      const bad = (
        await c.send(
          new CreateImagePipelineCommand({
            name: 'ou-scheduled-bad',
            ...(await inputs('ou-scheduled-bad', { 'ibex:copyToOrganizationalUnits': 'ou-nope' })),
            schedule,
            executionRole: 'r',
          }),
        )
      ).imagePipelineArn!;
      clock.advance(60 * 60_000);
      const tick = await sched.services.build.scheduler.tick();
      assert.deepEqual(
        tick.fired.map((f) => f.pipelineArn),
        [good],
      );
      assert.deepEqual(
        tick.skipped.filter((x) => x.pipelineArn === bad).map((x) => x.reason),
        ["error: Tag ibex:copyToOrganizationalUnits: 'ou-nope' is not an organizational unit ARN (arn:aws:organizations::<account>:ou/o-…/ou-…)."],
      );
      const arn = tick.fired[0]!.imageArn;
      const image = await waitForImage(c, arn);
      assert.equal(image.state?.status, 'AVAILABLE', image.state?.reason);
      assert.equal(image.buildType, 'SCHEDULED');
      const r = await call<Runs>(sched.url, 'GET', `/_ibex/runs?imageBuildVersionArn=${encodeURIComponent(arn)}`);
      assert.deepEqual(
        r.body.runs[0]!.jobs.filter((j) => j.kind === 'ami' && j.key.startsWith('ami:us-east-1:'))
          .map((j) => `${j.accountId} ${j.origin}`)
          .sort(),
        EXPECTED_ORIGINS,
      );
      assert.deepEqual(sorted(await amisOf(sched.url, arn)), each([OWNER, A1, A2, A3]));
      const badImages = await c.send(
        new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:image/ou-scheduled-bad/1.0.0` }),
      );
      assert.deepEqual(badImages.imageSummaryList, []);
    } finally {
      c = saved;
      await sched.close();
    }
  });
});
