// The pipeline scheduler on an injected clock: cron and rate pipelines fire exactly at their
// times across a simulated week and a DST change in a non-UTC zone, never twice across a
// restart, at most one catch-up after downtime; the default start condition skips unchanged builds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateImagePipelineCommand, GetImagePipelineCommand, ListImagePipelineImagesCommand } from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/domain/clock.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitForImage } from '../helpers/images.js';
import { buildInputs, buildWorld } from './fixtures.js';

const HOUR = 3_600_000;
const NEVER = 1_000_000_000; // the timer stays out of the way: tests tick by hand

async function pipeline(srv: TestServer, name: string, schedule: Record<string, unknown>, status: 'ENABLED' | 'DISABLED' = 'ENABLED') {
  const c = srv.client();
  const inputs = await buildInputs(c, name);
  const out = await c.send(new CreateImagePipelineCommand({ name: `${name}-pipeline`, ...inputs, schedule: schedule as never, status }));
  return out.imagePipelineArn!;
}

/** Moves the clock in `step` ms increments up to `until`, ticking each time; returns fire instants per pipeline. */
async function run(srv: TestServer, clock: ManualClock, until: number, step: number): Promise<Map<string, string[]>> {
  const fires = new Map<string, string[]>();
  for (let i = 0; i < 100_000 && clock.now() < until; i++) {
    clock.advance(Math.min(step, until - clock.now()));
    const r = await srv.services.build.scheduler.tick();
    for (const f of r.fired) fires.set(f.pipelineArn, [...(fires.get(f.pipelineArn) ?? []), new Date(clock.now()).toISOString()]);
  }
  return fires;
}

describe('scheduler: cron and rate across a week', () => {
  let srv: TestServer;
  const clock = new ManualClock(Date.parse('2025-01-05T23:00:00.000Z')); // Sunday
  before(async () => {
    srv = await startTestServer({ worldSpec: buildWorld(), clock, schedulerIntervalMs: NEVER, buildPollMs: 5, runner: { pollMs: 5 } });
  });
  after(() => srv.close());

  it('fires weekday cron matches and rate intervals exactly, and reports dateNextRun', async () => {
    const weekdays = await pipeline(srv, 'weekdays', {
      scheduleExpression: 'cron(0 10 ? * MON-FRI *)',
      pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY',
    });
    const rate = await pipeline(srv, 'every-6h', { scheduleExpression: 'rate(6 hours)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' });
    const lastFriday = await pipeline(srv, 'last-friday', {
      scheduleExpression: 'cron(15 8 ? * 6L 2025)',
      pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY',
    });
    const off = await pipeline(srv, 'disabled', { scheduleExpression: 'rate(1 hour)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' }, 'DISABLED');
    const c = srv.client();
    const got = await c.send(new GetImagePipelineCommand({ imagePipelineArn: weekdays }));
    assert.equal(got.imagePipeline?.dateNextRun, '2025-01-06T10:00:00.000Z');
    assert.equal(got.imagePipeline?.schedule?.timezone, 'UTC');

    const fires = await run(srv, clock, Date.parse('2025-01-12T23:00:00.000Z'), 15 * 60_000);
    assert.deepEqual(
      fires.get(weekdays),
      ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map((d) => `${d}T10:00:00.000Z`),
    );
    assert.deepEqual(
      fires.get(rate),
      Array.from({ length: 28 }, (_, i) => new Date(Date.parse('2025-01-05T23:00:00.000Z') + (i + 1) * 6 * HOUR).toISOString()),
    );
    assert.equal(fires.get(lastFriday), undefined, 'the last Friday of January is the 31st');
    assert.equal(fires.get(off), undefined, 'a disabled pipeline never fires');

    const images = await c.send(new ListImagePipelineImagesCommand({ imagePipelineArn: weekdays }));
    assert.equal(images.imageSummaryList?.length, 5);
    assert.ok(images.imageSummaryList!.every((i) => i.buildType === 'SCHEDULED'));
    for (const i of images.imageSummaryList!) assert.equal((await waitForImage(c, i.arn!)).state?.status, 'AVAILABLE');
  });
});

describe('scheduler: a DST change in a non-UTC zone', () => {
  let srv: TestServer;
  const clock = new ManualClock(Date.parse('2025-03-07T12:00:00.000Z'));
  before(async () => {
    srv = await startTestServer({ worldSpec: buildWorld(), clock, schedulerIntervalMs: NEVER, buildPollMs: 5 });
  });
  after(() => srv.close());

  it('fires at 01:30 New York time on both sides of the spring-forward change', async () => {
    const arn = await pipeline(srv, 'ny-nightly', {
      scheduleExpression: 'cron(30 1 * * ? *)',
      timezone: 'America/New_York',
      pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY',
    });
    const fires = await run(srv, clock, Date.parse('2025-03-11T12:00:00.000Z'), 10 * 60_000);
    // EST is UTC-5 until 2025-03-09 02:00 local, then EDT (UTC-4).
    assert.deepEqual(fires.get(arn), ['2025-03-08T06:30:00.000Z', '2025-03-09T06:30:00.000Z', '2025-03-10T05:30:00.000Z', '2025-03-11T05:30:00.000Z']);
  });
});

describe('scheduler: restarts, catch-up and the start condition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ibex-sched-'));
  const clock = new ManualClock(Date.parse('2025-01-06T00:00:00.000Z'));
  const open = () => startTestServer({ worldSpec: buildWorld(), clock, schedulerIntervalMs: NEVER, buildPollMs: 5, inMemory: false, dataDir: dir });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('never fires one match twice across a restart, and catches up once after downtime', async () => {
    let srv = await open();
    const arn = await pipeline(srv, 'daily', { scheduleExpression: 'cron(0 6 * * ? *)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' });
    clock.set(Date.parse('2025-01-06T06:00:00.000Z'));
    assert.equal((await srv.services.build.scheduler.tick()).fired.length, 1);
    await srv.close();
    srv = await open();
    assert.equal((await srv.services.build.scheduler.tick()).fired.length, 0, 'the same match does not fire again after a restart');
    await srv.close();
    // Three days of downtime: three matches missed, one catch-up build.
    clock.set(Date.parse('2025-01-09T12:00:00.000Z'));
    srv = await open();
    const r = await srv.services.build.scheduler.tick();
    assert.deepEqual(
      r.fired.map((f) => f.pipelineArn),
      [arn],
    );
    assert.equal((await srv.services.build.scheduler.tick()).fired.length, 0);
    const c = srv.client();
    const images = await c.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn }));
    assert.equal(images.imageSummaryList?.length, 2);
    for (const i of images.imageSummaryList!) await waitForImage(c, i.arn!);
    await srv.close();
  });

  it('builds on a match only when a wildcard parent image has a newer version (the default condition)', async () => {
    const srv = await open();
    try {
      const arn = await pipeline(srv, 'deps', { scheduleExpression: 'cron(0 12 * * ? *)' });
      clock.set(Date.parse('2025-01-10T12:00:00.000Z'));
      const mine = (r: { fired: { pipelineArn: string }[] }) => r.fired.filter((f) => f.pipelineArn === arn);
      assert.equal(mine(await srv.services.build.scheduler.tick()).length, 1, 'the first match builds');
      clock.set(Date.parse('2025-01-11T12:00:00.000Z'));
      const skipped = await srv.services.build.scheduler.tick();
      assert.equal(mine(skipped).length, 0);
      assert.deepEqual(
        skipped.skipped.filter((s) => s.pipelineArn === arn),
        [{ pipelineArn: arn, reason: 'no dependency updates' }],
      );
      srv.world.merge({
        accounts: [
          {
            id: '137112412989',
            images: [
              {
                region: 'us-east-1',
                imageId: 'ami-0c3c3c3c3c3c3c3c3',
                name: 'al2023-ami-2023.6.20250201.0-kernel-6.1-x86_64',
                platform: 'Linux',
                public: true,
              },
            ],
          },
        ],
      });
      clock.set(Date.parse('2025-01-12T12:00:00.000Z'));
      const fired = await srv.services.build.scheduler.tick();
      assert.equal(mine(fired).length, 1);
      const c = srv.client();
      const image = await waitForImage(c, fired.fired.find((f) => f.pipelineArn === arn)!.imageArn);
      assert.equal(image.state?.status, 'AVAILABLE');
      const build = srv.world.snapshot().images.find((i) => i.imageId === image.outputResources!.amis![0]!.image)!;
      assert.equal(build.platform, 'Linux');
    } finally {
      await srv.close();
    }
  });
});
