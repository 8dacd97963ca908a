// The client module against a real server: the progress reader of a custom DISTRIBUTION workflow
// (two DistributeImage steps) returns every job with its Region and account as data from the
// admin runs — not one group parsed out of the workflow's step names — and the admin runs carry
// each step's start and end; the finished states and next runs are the shared ones.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateImageCommand,
  CreateWorkflowCommand,
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { adminClient, isFinished, nextRuns, readProgress, type AdminClient } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OWNER, TARGET } from '../helpers/world.js';
import { buildInputs, buildWorld } from '../pipelines/fixtures.js';

const TWO_STEPS = `name: two-steps
schemaVersion: 1.0
steps:
  - name: DistributeCanary
    action: DistributeImage
    onFailure: Abort
    inputs:
      distributions:
        - region: us-west-2
          name: "canary {{ imagebuilder:buildDate }}"
          targetAccountIds: ["${TARGET}"]
  - name: DistributeRest
    action: DistributeImage
    inputs:
      distributions:
        - region: eu-west-1
          name: "rest {{ imagebuilder:buildDate }}"
`;

let srv: TestServer;
let c: ImagebuilderClient;
let admin: AdminClient;
before(async () => {
  srv = await startTestServer({ worldSpec: buildWorld(), buildPollMs: 20, runner: { pollMs: 20 } });
  c = srv.client(OWNER);
  admin = adminClient(async (method, path, body) => {
    const res = await fetch(`${srv.url}${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed = (await res.json()) as { message?: string };
    if (!res.ok) throw new Error(parsed.message);
    return parsed as never;
  });
});
after(() => srv.close());

async function untilFinished(arn: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const status = (await c.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image?.state?.status ?? '';
    if (isFinished(status)) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${arn} did not finish`);
}

describe('the client module', () => {
  it('reads a custom workflow’s fan-out as jobs per Region and account, with step times in the admin runs', async () => {
    const workflowArn = (await c.send(new CreateWorkflowCommand({ name: 'two-steps', semanticVersion: '1.0.0', type: 'DISTRIBUTION', data: TWO_STEPS })))
      .workflowBuildVersionArn!;
    const inputs = await buildInputs(c, 'fan-out');
    const arn = (await c.send(new CreateImageCommand({ ...inputs, executionRole: 'ImageBuilderRole', workflows: [{ workflowArn }] }))).imageBuildVersionArn!;
    assert.equal(await untilFinished(arn), 'AVAILABLE');

    // The workflow's steps are named by its document, not by job: no Region or account to parse.
    const exec = ((await c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions ?? []).find(
      (w) => w.type === 'DISTRIBUTION',
    )!;
    const names = ((await c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: exec.workflowExecutionId }))).steps ?? []).map((s) => s.name);
    assert.deepEqual(names, ['DistributeCanary', 'DistributeRest']);

    const p = await readProgress(c, admin, arn);
    assert.equal(p.status, 'AVAILABLE');
    const amiJobs = p.jobs
      .filter((j) => j.kind === 'ami')
      .map((j) => `${j.region} ${j.accountId} ${j.status}`)
      .sort();
    assert.deepEqual(amiJobs, [`eu-west-1 ${OWNER} COMPLETED`, `us-west-2 ${OWNER} COMPLETED`, `us-west-2 ${TARGET} COMPLETED`].sort());
    for (const j of p.jobs) {
      assert.ok(j.startTime && j.endTime && j.startTime <= j.endTime, `${j.key} has a start before its end`);
    }
    assert.deepEqual(
      p.phases.map((ph) => ph.type),
      ['BUILD', 'TEST', 'DISTRIBUTION'].filter((t) => p.phases.some((x) => x.type === t)),
    );

    const { runs } = await admin.runsOf(arn);
    assert.equal(runs.length, 2, 'one engine run per DistributeImage step');
    for (const run of runs) {
      for (const s of run.steps) {
        assert.equal(s.status, 'succeeded');
        assert.ok(s.startedAt && s.endedAt && s.startedAt <= s.endedAt, `${s.key} has its start and end`);
        assert.ok(
          run.jobs.some((j) => j.key === s.jobKey && j.region === s.region),
          `${s.key} names its job's Region`,
        );
      }
    }
    const one = await admin.run(runs[0]!.runId);
    assert.deepEqual(one.steps, runs[0]!.steps);
  });

  it('treats DISABLED as finished, like every other final image state, and reads cron as the scheduler does', () => {
    for (const s of ['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']) assert.equal(isFinished(s), true, s);
    for (const s of ['PENDING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING']) assert.equal(isFinished(s), false, s);
    // AWS weekdays are 1-7 = SUN-SAT: 2 is Monday.
    assert.deepEqual(
      nextRuns('cron(30 6 ? * 2 *)', 'UTC', 2, new Date('2025-06-01T00:00:00Z')).map((d) => d.toISOString()),
      ['2025-06-02T06:30:00.000Z', '2025-06-09T06:30:00.000Z'],
    );
  });
});
