// The API never waits for the engine (issue 19): while a run of thousands of steps executes with
// zero timings (the simulated cloud answering at once), GetImage, a List and the health check from
// a second client are answered before the run ends. Ordering only; no timing thresholds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  DistributeImageCommand,
  GetImageCommand,
  ListDistributionConfigurationsCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { WIDE_OWNER, WIDE_REGIONS, WIDE_SOURCE_AMI, wideDistributions, wideWorld } from '../helpers/wide-world.js';

const ACCOUNTS = 300;
let srv: TestServer;
before(async () => {
  srv = await startTestServer({ worldSpec: wideWorld(ACCOUNTS) });
});
after(() => srv.close());

describe('API during a large run', () => {
  it('answers GetImage, ListDistributionConfigurations and /_ibex/health before a run of thousands of steps ends', async () => {
    const owner = srv.client();
    const cfg = (await owner.send(new CreateDistributionConfigurationCommand({ name: 'wide', distributions: wideDistributions(ACCOUNTS) })))
      .distributionConfigurationArn!;
    const arn = (await owner.send(new DistributeImageCommand({ sourceImage: WIDE_SOURCE_AMI, distributionConfigurationArn: cfg, executionRole: 'r' })))
      .imageBuildVersionArn!;
    const scope = { accountId: WIDE_OWNER, region: WIDE_REGIONS[0]! };
    const run = srv.services.runs.runsOfImage(scope, arn)[0]!;
    const events: string[] = [];
    const finished = srv.services.distribution.runner.start(scope, run.runId).then((s) => {
      events.push('run ended');
      return s;
    });

    // A second client, as a console or a poller would be.
    const second = srv.client();
    const got = await second.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    events.push('GetImage');
    const stepsAtGet = srv.services.runs.steps(scope, run.runId);
    const list = await second.send(new ListDistributionConfigurationsCommand({}));
    events.push('List');
    const health = await fetch(`${srv.url}/_ibex/health`);
    events.push('health');

    assert.equal(await finished, 'succeeded');
    assert.deepEqual(events, ['GetImage', 'List', 'health', 'run ended']);
    assert.equal(got.image?.state?.status, 'DISTRIBUTING');
    assert.ok(stepsAtGet.length >= 3_000, `a run of thousands of steps (${stepsAtGet.length})`);
    assert.ok(
      stepsAtGet.some((s) => s.status === 'pending'),
      'steps were still pending when GetImage answered',
    );
    assert.equal(list.distributionConfigurationSummaryList?.length, 1);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { engine: { runs: number } }).engine.runs, 1, 'health names the run this node holds');
    const after = (await (await fetch(`${srv.url}/_ibex/health`)).json()) as { engine: unknown };
    assert.deepEqual(after.engine, { runs: 0, stepsInFlight: 0 }, 'and nothing once it ended');

    // The world after the run: every step succeeded and the image lists every target's AMI.
    const done = srv.services.runs.steps(scope, run.runId);
    assert.equal(done.filter((s) => s.status !== 'succeeded').length, 0);
    const image = (await owner.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.equal(image.outputResources?.amis?.length, WIDE_REGIONS.length * (ACCOUNTS + 1));
  });
});
