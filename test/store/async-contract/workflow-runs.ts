// Custom workflow executions and steps: an execution and its steps written together or not at
// all, steps in order, waiting steps found by scope and by deadline, unfinished executions.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionRecord, WorkflowStepRecord } from '../../../src/store/records.js';
import { StoreConflict } from '../../../src/store/async-ports.js';
import { other, scope, type ContractContext } from './context.js';

const execution = (id: string, seq: number, imageArn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1'): ExecutionRecord<{ doc: string }> => ({
  scope,
  executionId: id,
  imageArn,
  type: 'DISTRIBUTION',
  seq,
  workflowArn: 'arn:aws:imagebuilder:us-east-1:111122223333:workflow/distribution/gate/1.0.0/1',
  status: 'RUNNING',
  spec: { doc: `spec of ${id}` },
  startTime: '2026-12-03T10:00:00.000Z',
});

const step = (executionId: string, idx: number, extra: Partial<WorkflowStepRecord> = {}): WorkflowStepRecord => ({
  scope,
  stepExecutionId: `step-${executionId}-${idx}`,
  executionId,
  idx,
  name: `s${idx}`,
  action: idx === 0 ? 'WaitForAction' : 'DistributeImage',
  status: 'PENDING',
  ...extra,
});

export function workflowRunCases(ctx: ContractContext): void {
  it('workflow runs: an execution with its steps round-trips; steps in order; transitions are read back', async () => {
    const wf = ctx.stores().workflowRuns;
    await wf.insertExecution(execution('wf-1', 1), [step('wf-1', 1), step('wf-1', 0, { inputs: { reason: 'gate' } })]);
    assert.deepEqual(await wf.getExecution(scope, 'wf-1'), execution('wf-1', 1));
    assert.equal(await wf.getExecution(other, 'wf-1'), undefined);
    assert.deepEqual(
      (await wf.steps(scope, 'wf-1')).map((s) => s.stepExecutionId),
      ['step-wf-1-0', 'step-wf-1-1'],
    );
    assert.deepEqual(await wf.getStep(scope, 'step-wf-1-0'), step('wf-1', 0, { inputs: { reason: 'gate' } }));

    const deadline = Date.parse('2026-12-04T10:00:00.000Z'); // beyond 32 bits
    const waiting = step('wf-1', 0, { status: 'WAITING', inputs: { reason: 'gate' }, deadline, startTime: '2026-12-03T10:00:01.000Z' });
    await wf.updateStep(waiting);
    await wf.updateStep(step('wf-1', 1, { status: 'RUNNING', runId: 'run-of-wf-1', outputs: { x: 1 }, rollbackStatus: 'RUNNING' }));
    assert.deepEqual(await wf.getStep(scope, 'step-wf-1-0'), waiting);
    assert.equal(typeof (await wf.getStep(scope, 'step-wf-1-0'))?.deadline, 'number');
    assert.deepEqual((await wf.stepOfRun(scope, 'run-of-wf-1'))?.outputs, { x: 1 });
    assert.equal((await wf.stepOfRun(scope, 'run-of-wf-1'))?.rollbackStatus, 'RUNNING');
    assert.equal(await wf.stepOfRun(other, 'run-of-wf-1'), undefined);
    assert.deepEqual(
      (await wf.waiting(scope)).map((s) => s.stepExecutionId),
      ['step-wf-1-0'],
    );
    assert.deepEqual(await wf.waiting(other), []);
  });

  it('workflow runs: waiting steps by deadline across scopes, unfinished executions by seq, ended ones drop out', async () => {
    const wf = ctx.stores().workflowRuns;
    const later = Date.parse('2026-12-05T10:00:00.000Z');
    await wf.insertExecution(execution('wf-2', 2), [step('wf-2', 0, { status: 'WAITING', deadline: later, startTime: '2026-12-03T09:00:00.000Z' })]);
    await wf.insertExecution(execution('wf-3', 3, 'arn:aws:imagebuilder:us-east-1:111122223333:image/api/1.0.0/1'), [
      step('wf-3', 0, { status: 'WAITING', startTime: '2026-12-03T08:00:00.000Z' }),
    ]);
    assert.deepEqual(
      (await wf.allWaitingWithDeadline()).map((s) => s.stepExecutionId),
      ['step-wf-1-0', 'step-wf-2-0'],
    );
    assert.deepEqual(
      (await wf.waiting(scope)).map((s) => s.stepExecutionId),
      ['step-wf-3-0', 'step-wf-2-0', 'step-wf-1-0'],
    );
    assert.deepEqual(
      (await wf.executionsOf(scope, execution('wf-1', 1).imageArn)).map((e) => e.executionId),
      ['wf-1', 'wf-2'],
    );
    assert.deepEqual(
      (await wf.unfinished()).map((e) => e.executionId),
      ['wf-1', 'wf-2', 'wf-3'],
    );
    const workflowArn = execution('wf-1', 1).workflowArn;
    assert.equal(await wf.unfinishedOf(scope, workflowArn), true);
    assert.equal(await wf.hasUnfinished(scope, execution('wf-3', 3).imageArn), true);
    await wf.updateExecution({
      ...execution('wf-3', 3, execution('wf-3', 3).imageArn),
      imageArn: 'ignored',
      status: 'COMPLETED',
      endTime: '2026-12-03T11:00:00.000Z',
    });
    assert.equal(await wf.hasUnfinished(scope, 'arn:aws:imagebuilder:us-east-1:111122223333:image/api/1.0.0/1'), false);
    assert.equal((await wf.getExecution(scope, 'wf-3'))?.endTime, '2026-12-03T11:00:00.000Z');
    for (const id of ['wf-1', 'wf-2']) await wf.updateExecution({ ...execution(id, 0), status: 'FAILED', message: 'rejected' });
    assert.equal(await wf.unfinishedOf(scope, workflowArn), false);
    assert.equal(await wf.unfinishedOf(other, workflowArn), false);
    assert.deepEqual(await wf.unfinished(), []);
    assert.equal((await wf.getExecution(scope, 'wf-1'))?.message, 'rejected');
  });

  it('workflow runs: an execution whose steps cannot all be written leaves nothing, alone or in a transaction', async () => {
    const stores = ctx.stores();
    await assert.rejects(stores.workflowRuns.insertExecution(execution('wf-bad', 9), [step('wf-bad', 0), step('wf-bad', 0)]), StoreConflict);
    assert.equal(await stores.workflowRuns.getExecution(scope, 'wf-bad'), undefined);
    assert.deepEqual(await stores.workflowRuns.steps(scope, 'wf-bad'), []);
    await assert.rejects(
      stores.workflowRuns.insertExecution({ ...execution('wf-1', 1), status: 'PENDING' }, [step('wf-1', 5)]),
      (e) => e instanceof StoreConflict && e.table === 'workflow_executions',
    );
    assert.equal(await stores.workflowRuns.getStep(scope, 'step-wf-1-5'), undefined);
    assert.equal((await stores.workflowRuns.getExecution(scope, 'wf-1'))?.status, 'FAILED');
    await assert.rejects(
      stores.tx(async (t) => {
        await t.workflowRuns.insertExecution(execution('wf-tx', 10), [step('wf-tx', 0)]);
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await stores.workflowRuns.getExecution(scope, 'wf-tx'), undefined);
    assert.equal(await stores.workflowRuns.getStep(scope, 'step-wf-tx-0'), undefined);
  });
}
