// Rollout rings in the simulated world: three rings — a canary, a ring behind an approval gate and
// a ring behind a soak — stop at the approval gate, resume on approval (through the CLI), halt on an
// injected failure in ring 2 leaving ring 3 untouched, resume after the fault is gone running only
// the failed job, and finish with one copy per Region and account. The approval gate is a real
// WaitForAction step: listed by ListWaitingWorkflowSteps, answered by SendWorkflowStepAction RESUME
// or STOP (and `ibex approve|reject IMAGE`), cancelled by an abort. A second server shows a rollout
// waiting at a gate survives a restart, its step still WAITING.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDistributionConfigurationCommand,
  GetImageCommand,
  GetWorkflowStepExecutionCommand,
  ListWaitingWorkflowStepsCommand,
  ListWorkflowExecutionsCommand,
  SendWorkflowStepActionCommand,
  type WorkflowStepExecution,
} from '@aws-sdk/client-imagebuilder';
import { errorOf, startTestServer, type TestServer } from '../helpers/server.js';
import { runCli } from '../cli/run-cli.js';
import { A1, A2, A3, OWNER, SOURCE_AMI, beyondWorld } from './world.js';
import { amisOf, call, waitForRun } from './api.js';

type RolloutView = {
  rolloutId: string;
  status: string;
  current: number;
  reason?: string;
  imageBuildVersionArn: string;
  ringStates: { name: string; status: string; jobs: string[]; runIds: string[] }[];
};
const REGIONS = ['us-east-1', 'us-west-2'];
const RINGS = [
  { name: 'canary', regions: ['us-east-1'], accounts: [OWNER, A1] },
  { name: 'early', accounts: [A2], approval: true },
  { name: 'rest', soakSeconds: 1 },
];

async function settings(srv: TestServer): Promise<string> {
  return (
    await srv.client().send(
      new CreateDistributionConfigurationCommand({
        name: 'ringed',
        distributions: REGIONS.map((region) => ({
          region,
          amiDistributionConfiguration: { name: `ring-${region} {{ imagebuilder:buildDate }} {{ imagebuilder:buildVersion }}`, targetAccountIds: [A1, A2, A3] },
        })),
      }),
    )
  ).distributionConfigurationArn!;
}

/** The one workflow step of `imageArn` that ListWaitingWorkflowSteps lists (bounded poll: the gate waits once its execution advances). */
async function waitingStep(srv: TestServer, imageArn: string): Promise<WorkflowStepExecution> {
  for (let i = 0; i < 200; i++) {
    const steps = ((await srv.client().send(new ListWaitingWorkflowStepsCommand({}))).steps ?? []).filter((s) => s.imageBuildVersionArn === imageArn);
    if (steps.length === 1) return steps[0]!;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`no waiting step of ${imageArn}`);
}

/** Polls the rollout until `done` holds (bounded). */
async function until(srv: TestServer, id: string, done: (r: RolloutView) => boolean, timeoutMs = 20_000): Promise<RolloutView> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${id}`)).body;
    if (done(r)) return r;
    if (Date.now() > end) throw new Error(`rollout ${id} still ${r.status} (ring ${r.current}) after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('rollout rings', () => {
  let srv: TestServer;
  let configArn: string;
  let id: string;
  let imageArn: string;
  before(async () => {
    srv = await startTestServer({
      worldSpec: beyondWorld(),
      runner: { pollMs: 5, retry: { baseMs: 1, capMs: 5, maxRetries: 1 } },
      followIntervalMs: 0,
      rolloutIntervalMs: 20,
    });
    configArn = await settings(srv);
  });
  after(() => srv.close());

  it('assigns every job to a ring (with what it builds on) and stops at the approval gate', async () => {
    const res = await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: RINGS });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    id = res.body.rolloutId;
    imageArn = res.body.imageBuildVersionArn;
    assert.deepEqual(
      res.body.ringStates.map((r) => r.jobs.sort()),
      [
        [`ami:us-east-1:${A1}`, `ami:us-east-1:${OWNER}`].sort(),
        // The owner's AMI in us-west-2 runs with the first ring that copies from it.
        [`ami:us-east-1:${A2}`, `ami:us-west-2:${A2}`, `ami:us-west-2:${OWNER}`].sort(),
        [`ami:us-east-1:${A3}`, `ami:us-west-2:${A1}`, `ami:us-west-2:${A3}`].sort(),
      ],
    );
    const gated = await until(srv, id, (r) => r.status === 'waiting-approval');
    assert.equal(gated.current, 1);
    assert.deepEqual(
      gated.ringStates.map((r) => r.status),
      ['succeeded', 'pending', 'pending'],
    );
    assert.deepEqual(await amisOf(srv.url, imageArn), { [`us-east-1/${OWNER}`]: 1, [`us-east-1/${A1}`]: 1 });
    const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    assert.equal(image.image?.state?.status, 'DISTRIBUTING');
  });

  it('halts on a failed job in ring 2 after the approval, leaving ring 3 untouched', async () => {
    const fault = await call(srv.url, 'POST', '/_ibex/faults', {
      service: 'ec2',
      operation: 'CopyImage',
      accountId: A2,
      region: 'us-west-2',
      error: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
    });
    assert.equal(fault.status, 200);
    const approved = await runCli(['rollout', 'approve', id, '--endpoint-url', srv.url]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^rollout ${id}  (running|halted)`));
    const halted = await until(srv, id, (r) => r.status === 'halted');
    assert.equal(halted.current, 1);
    assert.deepEqual(
      halted.ringStates.map((r) => r.status),
      ['succeeded', 'failed', 'pending'],
    );
    assert.match(
      halted.reason!,
      new RegExp(`^Ring early halted the rollout: ami:us-west-2:${A2}: EC2 Client Error: 'You are not authorized to perform this operation.'`),
    );
    const amis = await amisOf(srv.url, imageArn);
    assert.equal(amis[`us-east-1/${A3}`], undefined, 'ring 3 did not start');
    assert.equal(amis[`us-west-2/${A1}`], undefined, 'ring 3 did not start');
    assert.equal(amis[`us-east-1/${A2}`], 1, 'the rest of ring 2 succeeded');
    const again = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${id}/approve`);
    assert.equal(again.status, 409);
    assert.equal(again.body.message, `Rollout ${id} is halted; only a rollout waiting for approval can be approved.`);
  });

  it('resumes only the failed job, soaks, runs ring 3 and ends AVAILABLE with one copy everywhere', async () => {
    await call(srv.url, 'DELETE', '/_ibex/faults');
    const resumed = await call<RolloutView>(srv.url, 'POST', `/_ibex/rollouts/${id}/resume`);
    assert.equal(resumed.status, 200);
    const done = await until(srv, id, (r) => r.status === 'succeeded');
    assert.deepEqual(
      done.ringStates.map((r) => [r.status, r.runIds.length]),
      [
        ['succeeded', 1],
        ['succeeded', 2],
        ['succeeded', 1],
      ],
    );
    const retry = await call<{ jobs: { key: string }[] }>(srv.url, 'GET', `/_ibex/runs/${done.ringStates[1]!.runIds[1]}`);
    assert.deepEqual(
      retry.body.jobs.map((j) => j.key),
      [`ami:us-west-2:${A2}`],
    );
    assert.deepEqual(await amisOf(srv.url, imageArn), Object.fromEntries(REGIONS.flatMap((r) => [OWNER, A1, A2, A3].map((a) => [`${r}/${a}`, 1]))));
    const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: imageArn }));
    assert.equal(image.image?.state?.status, 'AVAILABLE');
    assert.equal(image.image?.outputResources?.amis?.length, 8);
    // Drift repair works on a rollout's image too (its plan comes from the ring runs).
    const a3 = image.image!.outputResources!.amis!.find((x) => x.accountId === A3 && x.region === 'us-west-2')!.image!;
    await srv.world.ports.ec2.deregisterImage({ accountId: A3, region: 'us-west-2' }, { imageId: a3 });
    const rep = await call<{ repair: { jobs: string[] }; runId: string }>(srv.url, 'POST', '/_ibex/drift/repair', { imageBuildVersionArn: imageArn });
    assert.deepEqual(rep.body.repair.jobs, [`ami:us-west-2:${A3}`]);
    assert.equal((await waitForRun(srv.url, rep.body.runId)).status, 'succeeded');
    assert.equal((await amisOf(srv.url, imageArn))[`us-west-2/${A3}`], 1);
  });

  it('aborts a rollout at its gate (the image ends CANCELLED), and rolls another back to the previous image', async () => {
    const gatedRings = [RINGS[0], { name: 'others', approval: true }];
    const a = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: gatedRings })
    ).body;
    await until(srv, a.rolloutId, (r) => r.status === 'waiting-approval');
    const aborted = await call<RolloutView>(srv.url, 'POST', `/_ibex/rollouts/${a.rolloutId}/abort`);
    assert.equal(aborted.status, 200);
    assert.equal(aborted.body.status, 'aborted');
    const img = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: a.imageBuildVersionArn }));
    assert.deepEqual(img.image?.state, { status: 'CANCELLED', reason: 'The rollout was aborted.' });
    assert.deepEqual(img.image?.outputResources?.amis?.map((x) => `${x.region}/${x.accountId}`).sort(), [`us-east-1/${A1}`, `us-east-1/${OWNER}`].sort());
    const twice = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${a.rolloutId}/abort`);
    assert.equal(twice.status, 409);

    const b = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: gatedRings })
    ).body;
    await until(srv, b.rolloutId, (r) => r.status === 'waiting-approval');
    // A dry run answers the plan and changes nothing: the rollout still waits at its gate.
    const plan = await call<{ rollout: RolloutView; rollback: { to: string; dryRun?: boolean; runId?: string } }>(
      srv.url,
      'POST',
      `/_ibex/rollouts/${b.rolloutId}/rollback`,
      { dryRun: true },
    );
    assert.equal(plan.status, 200);
    assert.equal(plan.body.rollback.to, imageArn);
    assert.equal(plan.body.rollback.runId, undefined);
    assert.equal(plan.body.rollout.status, 'waiting-approval');
    assert.equal((await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${b.rolloutId}`)).body.status, 'waiting-approval');
    const badFlag = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${b.rolloutId}/rollback`, { dryRun: 'yes' });
    assert.equal(badFlag.status, 400);
    assert.equal(badFlag.body.message, 'dryRun must be true or false.');
    // The CLI prints the same plan and, with --dry-run, stops there.
    const cliPlan = await runCli(['rollout', 'rollback', b.rolloutId, '--dry-run', '--endpoint-url', srv.url]);
    assert.equal(cliPlan.code, 0, cliPlan.stderr);
    assert.match(cliPlan.stdout, new RegExp(`^Rollback to ${imageArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
    assert.match(cliPlan.stdout, /\n\d+ to change, \d+ unchanged, 0 refused\n$/);
    assert.equal((await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${b.rolloutId}`)).body.status, 'waiting-approval');
    const rb = await call<{ rollout: RolloutView; rollback: { to: string } }>(srv.url, 'POST', `/_ibex/rollouts/${b.rolloutId}/rollback`, {});
    assert.equal(rb.status, 200);
    assert.equal(rb.body.rollout.status, 'rolled-back');
    // The previous AVAILABLE image with these settings is the first rollout's.
    assert.equal(rb.body.rollback.to, imageArn);
    assert.equal(rb.body.rollout.reason, `Rolled back to ${imageArn}.`);
  });

  it('refuses bad rings, and rings that leave a job out, with the reason', async () => {
    const bad = await call<{ message: string }>(srv.url, 'POST', '/_ibex/rollouts', {
      distributionConfigurationArn: configArn,
      sourceImage: SOURCE_AMI,
      rings: [{ name: 'a', soakSeconds: -1 }],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.message, 'rings[0].soakSeconds must be a whole number of seconds from 0 to 604800.');
    const partial = await call<{ message: string }>(srv.url, 'POST', '/_ibex/rollouts', {
      distributionConfigurationArn: configArn,
      sourceImage: SOURCE_AMI,
      rings: [{ name: 'east', regions: ['us-east-1'] }],
    });
    assert.equal(partial.status, 400);
    assert.match(partial.body.message, /^These jobs are in no ring: ami:us-west-2:123456789012, /);
    const missing = await call<{ message: string }>(srv.url, 'GET', '/_ibex/rollouts/nope');
    assert.equal(missing.status, 404);
  });

  it('the approval gate is a WaitForAction step: ListWaitingWorkflowSteps lists it and SendWorkflowStepAction RESUME starts the ring', async () => {
    const gatedRings = [RINGS[0], { name: 'others', approval: true }];
    const r = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: gatedRings })
    ).body;
    await until(srv, r.rolloutId, (x) => x.status === 'waiting-approval');
    const c = srv.client();
    const step = await waitingStep(srv, r.imageBuildVersionArn);
    assert.equal(step.name, 'Approve-others');
    assert.equal(step.action, 'WaitForAction');
    assert.equal(step.workflowBuildVersionArn, `arn:aws:imagebuilder:us-east-1:${OWNER}:workflow/distribution/ibex-rollout-gate/1.0.0/1`);
    const waitingView = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.deepEqual([waitingView.status, waitingView.description], ['WAITING', `Approval gate before ring others of rollout ${r.rolloutId}`]);
    // A waiting gate holds the image: DISTRIBUTING, with the first ring's copies only.
    assert.equal((await c.send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }))).image?.state?.status, 'DISTRIBUTING');
    await c.send(
      new SendWorkflowStepActionCommand({
        stepExecutionId: step.stepExecutionId,
        imageBuildVersionArn: r.imageBuildVersionArn,
        action: 'RESUME',
        reason: 'canary ok',
        clientToken: 'gate-resume-1',
      }),
    );
    const done = await until(srv, r.rolloutId, (x) => x.status === 'succeeded');
    assert.equal((done.ringStates[1] as { gateReason?: string }).gateReason, 'canary ok');
    assert.deepEqual(
      done.ringStates.map((x) => x.status),
      ['succeeded', 'succeeded'],
    );
    const ended = await c.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.deepEqual([ended.status, JSON.parse(ended.outputs!)], ['COMPLETED', { action: 'RESUME', reason: 'canary ok' }]);
    const image = await c.send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }));
    assert.equal(image.image?.state?.status, 'AVAILABLE');
    assert.equal(image.image?.outputResources?.amis?.length, 8);
    assert.deepEqual((await c.send(new ListWaitingWorkflowStepsCommand({}))).steps ?? [], []);
    // Nothing waits any more: the rollout refuses, and `ibex approve` exits 1 with the workflow message.
    const late = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${r.rolloutId}/approve`);
    assert.deepEqual([late.status, late.body.message], [409, `Rollout ${r.rolloutId} is succeeded; only a rollout waiting for approval can be approved.`]);
    const again = await runCli(['approve', r.imageBuildVersionArn, '--endpoint-url', srv.url]);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, `ibex: no workflow step of ${r.imageBuildVersionArn} is waiting for an action\n`);
  });

  it('SendWorkflowStepAction STOP at the gate ends the rollout and fails the image with the reason; nothing after the gate is copied', async () => {
    const gatedRings = [RINGS[0], { name: 'others', approval: true }];
    const r = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: gatedRings })
    ).body;
    await until(srv, r.rolloutId, (x) => x.status === 'waiting-approval');
    const step = await waitingStep(srv, r.imageBuildVersionArn);
    await srv.client().send(
      new SendWorkflowStepActionCommand({
        stepExecutionId: step.stepExecutionId,
        imageBuildVersionArn: r.imageBuildVersionArn,
        action: 'STOP',
        reason: 'bad canary',
        clientToken: 'gate-stop-1',
      }),
    );
    const after = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body;
    assert.deepEqual(
      [after.status, after.reason, after.ringStates.map((x) => x.status)],
      ['aborted', 'Ring others was rejected at its approval gate: bad canary', ['succeeded', 'aborted']],
    );
    const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }));
    assert.deepEqual(image.image?.state, { status: 'FAILED', reason: 'Ring others was rejected at its approval gate: bad canary' });
    assert.deepEqual(await amisOf(srv.url, r.imageBuildVersionArn), { [`us-east-1/${OWNER}`]: 1, [`us-east-1/${A1}`]: 1 });
    const execs = await srv.client().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: r.imageBuildVersionArn }));
    assert.deepEqual(
      execs.workflowExecutions?.map((e) => [e.type, e.status]),
      [['DISTRIBUTION', 'FAILED']],
    );
    const stopped = await srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.deepEqual([stopped.status, JSON.parse(stopped.outputs!)], ['FAILED', { action: 'STOP', reason: 'bad canary' }]);
  });

  it('POST /_ibex/rollouts/<id>/reject answers the gate step with STOP and the reason', async () => {
    const r = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', {
        distributionConfigurationArn: configArn,
        sourceImage: SOURCE_AMI,
        rings: [RINGS[0], { name: 'others', approval: true }],
      })
    ).body;
    await until(srv, r.rolloutId, (x) => x.status === 'waiting-approval');
    const step = await waitingStep(srv, r.imageBuildVersionArn);
    const no = await call<RolloutView>(srv.url, 'POST', `/_ibex/rollouts/${r.rolloutId}/reject`, { reason: 'not today' });
    assert.equal(no.status, 200);
    assert.deepEqual([no.body.status, no.body.reason], ['aborted', 'Ring others was rejected at its approval gate: not today']);
    const stopped = await srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.deepEqual([stopped.status, JSON.parse(stopped.outputs!)], ['FAILED', { action: 'STOP', reason: 'not today' }]);
    assert.deepEqual((await srv.client().send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }))).image?.state, {
      status: 'FAILED',
      reason: 'Ring others was rejected at its approval gate: not today',
    });
  });

  it('aborting a rollout at its gate cancels the waiting step', async () => {
    const r = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', {
        distributionConfigurationArn: configArn,
        sourceImage: SOURCE_AMI,
        rings: [RINGS[0], { name: 'others', approval: true }],
      })
    ).body;
    await until(srv, r.rolloutId, (x) => x.status === 'waiting-approval');
    const step = await waitingStep(srv, r.imageBuildVersionArn);
    assert.equal((await call(srv.url, 'POST', `/_ibex/rollouts/${r.rolloutId}/abort`)).status, 200);
    const cancelled = await srv.client().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }));
    assert.equal(cancelled.status, 'CANCELLED');
    assert.deepEqual((await srv.client().send(new ListWaitingWorkflowStepsCommand({}))).steps ?? [], []);
    const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }));
    assert.deepEqual(image.image?.state, { status: 'CANCELLED', reason: 'The rollout was aborted.' });
    const err = await errorOf(() =>
      srv.client().send(
        new SendWorkflowStepActionCommand({
          stepExecutionId: step.stepExecutionId,
          imageBuildVersionArn: r.imageBuildVersionArn,
          action: 'RESUME',
          clientToken: 'gate-late-1',
        }),
      ),
    );
    assert.deepEqual(
      [err.name, err.message],
      ['InvalidRequestException', `The workflow step execution '${step.stepExecutionId}' is CANCELLED; only a WAITING step can be resumed or stopped.`],
    );
  });

  it('`ibex reject IMAGE --reason` stops the rollout at its gate and fails the image with the reason', async () => {
    const gatedRings = [RINGS[0], { name: 'others', approval: true }];
    const r = (
      await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', { distributionConfigurationArn: configArn, sourceImage: SOURCE_AMI, rings: gatedRings })
    ).body;
    await until(srv, r.rolloutId, (x) => x.status === 'waiting-approval');
    const bad = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${r.rolloutId}/reject`, { reason: '' });
    assert.deepEqual([bad.status, bad.body.message], [400, 'reason must be a string of 1 to 1024 characters.']);
    assert.equal(
      (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body.status,
      'waiting-approval',
      'a refused request changes nothing',
    );
    const step = await waitingStep(srv, r.imageBuildVersionArn);
    const no = await runCli(['reject', r.imageBuildVersionArn, '--reason', 'security hold', '--endpoint-url', srv.url]);
    assert.equal(no.code, 0, no.stderr);
    assert.equal(no.stdout, `rejected step Approve-others (${step.stepExecutionId}) of ${r.imageBuildVersionArn}: security hold\n`);
    const after = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${r.rolloutId}`)).body;
    assert.deepEqual(
      [after.status, after.reason, after.ringStates.map((x) => x.status)],
      ['aborted', 'Ring others was rejected at its approval gate: security hold', ['succeeded', 'aborted']],
    );
    const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: r.imageBuildVersionArn }));
    assert.deepEqual(image.image?.state, { status: 'FAILED', reason: 'Ring others was rejected at its approval gate: security hold' });
    assert.deepEqual(image.image?.outputResources?.amis?.map((x) => `${x.region}/${x.accountId}`).sort(), [`us-east-1/${A1}`, `us-east-1/${OWNER}`].sort());
    assert.deepEqual(await amisOf(srv.url, r.imageBuildVersionArn), { [`us-east-1/${OWNER}`]: 1, [`us-east-1/${A1}`]: 1 });
    const twice = await call<{ message: string }>(srv.url, 'POST', `/_ibex/rollouts/${r.rolloutId}/reject`);
    assert.deepEqual([twice.status, twice.body.message], [409, `Rollout ${r.rolloutId} is aborted; only a rollout waiting for approval can be rejected.`]);
  });
});

describe('a rollout across a restart', () => {
  it('a ring that is running and a soak gate each survive a restart: nothing is copied twice, the soak keeps its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibex-rollout-'));
    // Copies take a while, so the first ring is still running when the server stops.
    const world = beyondWorld();
    world.timings = { ...world.timings, copyImageMs: 300 };
    const opts = { inMemory: false, dataDir: dir, worldSpec: world, runner: { pollMs: 5 }, followIntervalMs: 0, rolloutIntervalMs: 20 };
    type Ring = RolloutView['ringStates'][number] & { startedAt?: string; endedAt?: string; soakUntil?: string };
    try {
      let srv = await startTestServer(opts);
      const res = await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', {
        distributionConfigurationArn: await settings(srv),
        sourceImage: SOURCE_AMI,
        rings: [RINGS[0], { name: 'rest', soakSeconds: 3 }],
      });
      assert.equal(res.status, 201);
      const id = res.body.rolloutId;
      const running = await until(srv, id, (r) => r.status === 'running' && r.ringStates[0]!.runIds.length === 1);
      const firstRun = running.ringStates[0]!.runIds[0]!;
      await srv.close();
      srv = await startTestServer(opts);
      const soaking = await until(srv, id, (r) => r.status === 'soaking');
      const soakUntil = (soaking.ringStates[1] as Ring).soakUntil!;
      // The ring's run was resumed, not started again.
      assert.deepEqual(soaking.ringStates[0]!.runIds, [firstRun]);
      assert.equal(soakUntil, new Date(Date.parse((soaking.ringStates[0] as Ring).endedAt!) + 3000).toISOString());
      await srv.close();
      srv = await startTestServer(opts);
      try {
        const done = await until(srv, id, (r) => r.status === 'succeeded');
        const rest = done.ringStates[1] as Ring;
        assert.equal(rest.soakUntil, soakUntil, 'the soak gate kept its end across the restart');
        assert.ok(rest.startedAt! >= soakUntil, `ring 2 started ${rest.startedAt}, before its soak ended ${soakUntil}`);
        assert.deepEqual(
          done.ringStates.map((r) => r.runIds.length),
          [1, 1],
        );
        assert.deepEqual(
          await amisOf(srv.url, res.body.imageBuildVersionArn),
          Object.fromEntries(REGIONS.flatMap((r) => [OWNER, A1, A2, A3].map((a) => [`${r}/${a}`, 1]))),
        );
        const image = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: res.body.imageBuildVersionArn }));
        assert.equal(image.image?.state?.status, 'AVAILABLE');
      } finally {
        await srv.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits at its gate across a restart and finishes after the approval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibex-rollout-'));
    const opts = { inMemory: false, dataDir: dir, worldSpec: beyondWorld(), runner: { pollMs: 5 }, followIntervalMs: 0, rolloutIntervalMs: 20 };
    try {
      let srv = await startTestServer(opts);
      const res = await call<RolloutView>(srv.url, 'POST', '/_ibex/rollouts', {
        distributionConfigurationArn: await settings(srv),
        sourceImage: SOURCE_AMI,
        rings: [RINGS[0], { name: 'others', approval: true }],
      });
      assert.equal(res.status, 201);
      await until(srv, res.body.rolloutId, (r) => r.status === 'waiting-approval');
      const gate = await waitingStep(srv, res.body.imageBuildVersionArn);
      await srv.close();
      srv = await startTestServer(opts);
      try {
        const after = (await call<RolloutView>(srv.url, 'GET', `/_ibex/rollouts/${res.body.rolloutId}`)).body;
        assert.equal(after.status, 'waiting-approval');
        const held = await srv.client().send(new GetImageCommand({ imageBuildVersionArn: res.body.imageBuildVersionArn }));
        assert.equal(held.image?.state?.status, 'DISTRIBUTING', 'start-up leaves a rollout image waiting at a gate alone');
        // The gate's step is still WAITING after the restart, and the SDK answers it.
        const step = await waitingStep(srv, res.body.imageBuildVersionArn);
        assert.equal(step.stepExecutionId, gate.stepExecutionId);
        await srv.client().send(
          new SendWorkflowStepActionCommand({
            stepExecutionId: step.stepExecutionId,
            imageBuildVersionArn: res.body.imageBuildVersionArn,
            action: 'RESUME',
            clientToken: 'after-restart-1',
          }),
        );
        await until(srv, res.body.rolloutId, (r) => r.status === 'succeeded');
        assert.deepEqual(
          await amisOf(srv.url, res.body.imageBuildVersionArn),
          Object.fromEntries(REGIONS.flatMap((r) => [OWNER, A1, A2, A3].map((a) => [`${r}/${a}`, 1]))),
        );
      } finally {
        await srv.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
