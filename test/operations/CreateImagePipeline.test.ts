// Image pipeline operations (Create/Update/Get/List/Delete, StartImagePipelineExecution,
// ListImagePipelineImages): serialization, validation (schedules, one recipe, missing inputs)
// and behaviour (full-replacement update, dependency errors on delete, auto-disable).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  DeleteDistributionConfigurationCommand,
  DeleteImagePipelineCommand,
  DeleteImageRecipeCommand,
  DeleteInfrastructureConfigurationCommand,
  GetImagePipelineCommand,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  StartImagePipelineExecutionCommand,
  UpdateImagePipelineCommand,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/domain/clock.js';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { OWNER } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

let srv: TestServer;
const clock = new ManualClock(Date.parse('2025-06-02T00:00:00.000Z'));
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), clock, schedulerIntervalMs: 1_000_000_000, buildPollMs: 5, runner: { pollMs: 5 } });
});
after(() => srv.close());

const dist = [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'p {{ imagebuilder:buildDate }}' } }];

describe('image pipelines: serialization', () => {
  it('creates, gets and lists a pipeline with its defaults', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'ser', dist);
    const out = await c.send(
      new CreateImagePipelineCommand({ name: 'Ser Pipeline', ...inputs, schedule: { scheduleExpression: 'cron(0 3 * * ? *)' }, tags: { a: 'b' } }),
    );
    assert.equal(out.imagePipelineArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:image-pipeline/ser-pipeline`);
    const { imagePipeline: p } = await c.send(new GetImagePipelineCommand({ imagePipelineArn: out.imagePipelineArn }));
    assert.equal(p?.name, 'Ser Pipeline');
    assert.equal(p?.status, 'ENABLED');
    assert.equal(p?.platform, 'Linux');
    assert.equal(p?.consecutiveFailures, 0);
    assert.equal(p?.dateCreated, '2025-06-02T00:00:00.000Z');
    assert.equal(p?.dateNextRun, '2025-06-02T03:00:00.000Z');
    assert.deepEqual(p?.schedule, {
      scheduleExpression: 'cron(0 3 * * ? *)',
      timezone: 'UTC',
      pipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
    });
    assert.deepEqual(p?.tags, { a: 'b' });
    const list = await c.send(
      new ListImagePipelinesCommand({ filters: [{ name: 'distributionConfigurationArn', values: [inputs.distributionConfigurationArn!] }] }),
    );
    assert.deepEqual(
      list.imagePipelineList?.map((x) => x.arn),
      [out.imagePipelineArn],
    );
  });
});

describe('image pipelines: validation', () => {
  it('rejects a five-field cron with AWS message', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'val1');
    const e = await errorOf(() => c.send(new CreateImagePipelineCommand({ name: 'val1', ...inputs, schedule: { scheduleExpression: 'cron(0 0 * * ?)' } })));
    assert.equal(e.name, 'InvalidParameterValueException');
    assert.equal(
      e.message,
      "The value supplied for parameter 'schedule.scheduleExpression' is not valid. Invalid schedule expression. Details: Invalid CRON expression: error at position 9, details: Unexpected end of expression.",
    );
  });

  it('rejects both day fields, a bad rate and an unknown time zone', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'val2');
    for (const schedule of [
      { scheduleExpression: 'cron(0 0 * * MON *)' },
      { scheduleExpression: 'rate(1 hours)' },
      { scheduleExpression: 'rate(1 hour)', timezone: 'Mars/Olympus' },
    ]) {
      const e = await errorOf(() => c.send(new CreateImagePipelineCommand({ name: 'val2', ...inputs, schedule })));
      assert.equal(e.name, 'InvalidParameterValueException', JSON.stringify(schedule));
    }
    const none = await c.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: ['val2'] }] }));
    assert.equal(none.imagePipelineList?.length, 0, 'a failed request changes nothing');
  });

  it('answers ResourceNotFoundException for unknown inputs and pipelines, and ResourceAlreadyExistsException for a used name', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'val3');
    const e = await errorOf(() =>
      c.send(
        new CreateImagePipelineCommand({
          name: 'val3',
          ...inputs,
          distributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${OWNER}:distribution-configuration/nope`,
        }),
      ),
    );
    assert.equal(e.name, 'ResourceNotFoundException');
    await c.send(new CreateImagePipelineCommand({ name: 'val3', ...inputs }));
    assert.equal((await errorOf(() => c.send(new CreateImagePipelineCommand({ name: 'VAL3', ...inputs })))).name, 'ResourceAlreadyExistsException');
    const missing = `arn:aws:imagebuilder:us-east-1:${OWNER}:image-pipeline/missing`;
    assert.equal((await errorOf(() => c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: missing })))).name, 'ResourceNotFoundException');
    assert.equal((await errorOf(() => c.send(new ListImagePipelineImagesCommand({ imagePipelineArn: missing })))).name, 'ResourceNotFoundException');
  });
});

describe('image pipelines: behaviour', () => {
  it('runs on demand with buildType USER_INITIATED and the pipeline recorded on the image', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'manual', dist);
    const { imagePipelineArn: arn } = await c.send(new CreateImagePipelineCommand({ name: 'manual', ...inputs, imageTags: { from: 'pipeline' } }));
    const run = await c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn, tags: { run: '1' } }));
    const image = await waitForImage(c, run.imageBuildVersionArn!);
    assert.equal(image.state?.status, 'AVAILABLE');
    assert.equal(image.buildType, 'USER_INITIATED');
    assert.equal(image.sourcePipelineArn, arn);
    assert.equal(image.sourcePipelineName, 'manual');
    assert.deepEqual(image.tags, { from: 'pipeline', run: '1' });
    const { imagePipeline } = await c.send(new GetImagePipelineCommand({ imagePipelineArn: arn }));
    assert.equal(imagePipeline?.lastRunStatus, 'AVAILABLE');
    const images = await c.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn, filters: [{ name: 'version', values: ['1.0.0'] }] }));
    assert.deepEqual(
      images.imageSummaryList?.map((i) => i.arn),
      [run.imageBuildVersionArn],
    );
  });

  it('blocks deleting a distribution configuration, recipe or infrastructure configuration a pipeline uses', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'deps', dist);
    const { imagePipelineArn: arn } = await c.send(new CreateImagePipelineCommand({ name: 'deps', ...inputs }));
    const checks: [() => Promise<unknown>, string][] = [
      [
        () => c.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: inputs.distributionConfigurationArn })),
        inputs.distributionConfigurationArn!,
      ],
      [() => c.send(new DeleteImageRecipeCommand({ imageRecipeArn: inputs.imageRecipeArn })), inputs.imageRecipeArn],
      [
        () => c.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: inputs.infrastructureConfigurationArn })),
        inputs.infrastructureConfigurationArn,
      ],
    ];
    for (const [call, target] of checks) {
      const e = await errorOf(call);
      assert.equal(e.name, 'ResourceDependencyException');
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.message, `Resource dependency error: The resource ARN '${target}' has other resources depended on it.`);
    }
    await c.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn }));
    for (const [call] of checks) await call();
  });

  it('replaces every setting on update and resets consecutiveFailures', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'upd', dist);
    const { imagePipelineArn: arn } = await c.send(
      new CreateImagePipelineCommand({
        name: 'upd',
        description: 'first',
        ...inputs,
        schedule: { scheduleExpression: 'rate(1 day)', autoDisablePolicy: { failureCount: 2 } },
      }),
    );
    srv.services.build.pipelineState.put({ accountId: OWNER, region: 'us-east-1' }, arn!, { checkedUntil: clock.now(), consecutiveFailures: 1 });
    await c.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: arn,
        imageRecipeArn: inputs.imageRecipeArn,
        infrastructureConfigurationArn: inputs.infrastructureConfigurationArn,
      }),
    );
    const { imagePipeline: p } = await c.send(new GetImagePipelineCommand({ imagePipelineArn: arn }));
    assert.equal(p?.description, undefined);
    assert.equal(p?.distributionConfigurationArn, undefined);
    assert.equal(p?.schedule, undefined);
    assert.equal(p?.consecutiveFailures, 0);
    assert.ok(p?.dateUpdated);
  });

  it('disables a pipeline after failureCount consecutive scheduled failures', async () => {
    const c = srv.client();
    const inputs = await buildInputs(c, 'flaky');
    // Distribution fails on every run: the launch template does not exist.
    const bad = await c.send(
      new CreateDistributionConfigurationCommand({
        name: 'flaky-bad',
        distributions: [
          {
            region: 'us-east-1',
            amiDistributionConfiguration: { name: 'f {{ imagebuilder:buildDate }}' },
            launchTemplateConfigurations: [{ launchTemplateId: 'lt-0ffffffffffffffff' }],
          },
        ],
      }),
    );
    const { imagePipelineArn: arn } = await c.send(
      new CreateImagePipelineCommand({
        name: 'flaky',
        imageRecipeArn: inputs.imageRecipeArn,
        infrastructureConfigurationArn: inputs.infrastructureConfigurationArn,
        distributionConfigurationArn: bad.distributionConfigurationArn,
        schedule: { scheduleExpression: 'rate(1 hour)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY', autoDisablePolicy: { failureCount: 2 } },
      }),
    );
    // A manual failure leaves the count unchanged.
    const manual = await c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    assert.equal((await waitForImage(c, manual.imageBuildVersionArn!)).state?.status, 'FAILED');
    const get = async () => (await c.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
    assert.equal((await get()).consecutiveFailures, 0);
    for (let i = 1; i <= 2; i++) {
      clock.advance(3_600_000);
      const r = await srv.services.build.scheduler.tick();
      const fired = r.fired.find((f) => f.pipelineArn === arn)!;
      assert.equal((await waitForImage(c, fired.imageArn)).state?.status, 'FAILED');
      assert.equal((await get()).consecutiveFailures, i);
    }
    assert.equal((await get()).status, 'DISABLED');
    clock.advance(3_600_000);
    assert.equal((await srv.services.build.scheduler.tick()).fired.filter((f) => f.pipelineArn === arn).length, 0);
  });
});
