// The workflow engine: runs the custom workflows of an image, step by step in document order.
// A stage (BUILD, TEST or DISTRIBUTION) runs its workflows one after another; each step is
// skipped when its `if` is false, otherwise its inputs are resolved against parameters, earlier
// step outputs, system variables and workflow outputs, and its action runs: distribution actions
// as durable distribution-engine runs, WaitForAction as a WAITING step until
// SendWorkflowStepAction (or its timeout), the instance actions as the simulated build honours
// them. TEST workflows of one parallelGroup run at the same time (up to five, the next starting
// as one ends); groups, and workflows without a group, run one after another in listed order. A failed step with onFailure Abort fails the workflow and skips the rest, then rolls back
// the steps before it that have a rollback (ROLLBACK_IN_PROGRESS, then ROLLBACK_COMPLETED); a
// failed workflow with onFailure ABORT fails the stage and the image. Every transition is a row
// update, so a restart resumes each execution where it was — a waiting step keeps waiting, a
// rollback goes on with the steps not yet rolled back. A stage started with `reportTo` (an ibex
// tool's, like a rollout's approval gate) does not settle the image when it ends: its end goes to
// the handler registered for that kind, inside the transaction that ends the stage.
import { randomUUID } from 'node:crypto';
import type { Scope } from '../domain/scope.js';
import type { DistributionService, StoredPlanInput } from '../engine/distribution.js';
import { jobViews, outputResources } from '../engine/outcome.js';
import type { Distribution, Image, OutputResources } from '../model/generated/types.js';
import type { Transaction } from '../store/ports.js';
import type { ImageStore } from '../store/ports.js';
import type { RunRecord, RunStatus, RunStore } from '../engine/run-ports.js';
import type { StepRecord } from '../engine/step-inputs.js';
import type { WorkflowRunStore } from '../store/ports.js';
import type { ExecutionRecord, WorkflowStepRecord } from '../store/records.js';
import type { WorkflowType } from './actions.js';
import type { AttachedWorkflow } from './attach.js';
import {
  prepareApplyImageConfigurations,
  prepareDistributeContainerImage,
  prepareDistributeImage,
  prepareModifyImageAttributes,
  runOutcome,
  type PreparedRun,
} from './distribution-steps.js';
import { evaluate, resolveInputs, resolvePath, type ExprContext } from './expressions.js';
import { ACTIVE, runnable } from './groups.js';
import { hasRollback, rollBack, rollbackEnabled } from './rollback.js';
import { simulatedOutputs } from './simulated-actions.js';
import { testPause } from '../testing/pause.js';

/** What the workflows of a stage can read and act on, fixed when the stage starts. */
export interface StageContext {
  /** `$.imagebuilder.*` values. */
  vars: Record<string, unknown>;
  /** `$.workflowOutputs.*` known before the stage (e.g. the build's ImageId). */
  workflowOutputs: Record<string, unknown>;
  /** The build AMI (image-producing actions return it). */
  amiId?: string;
  /** DISTRIBUTION: the plan input of the image (source, owner, template) … */
  plan?: StoredPlanInput;
  /** … and its distribution configuration's distributions. */
  config?: Distribution[];
}

/** An execution's snapshot: the workflow it runs and its stage's context. */
export interface ExecutionSpec {
  workflow: AttachedWorkflow;
  stage: StageContext;
  /** Set on the execution RetryImage started: the failed execution it runs again. */
  retryOf?: string;
  /** The seq of the first execution of its stage (the stage's executions share it). */
  stageSeq?: number;
  /** Its run group: the parallelGroup, or one of its own (`#<seq>`) without one. */
  group?: string;
  /** Set when the stage's end goes to its starter instead of settling the image. */
  reportTo?: StageReport;
}

/** Who a stage's end is reported to: an ibex tool that owns the image's outcome. */
export interface StageReport {
  kind: 'rollout';
  id: string;
}

/** Called with a reported stage's end, inside the transaction that ends it. */
export type StageReportHandler = (scope: Scope, imageArn: string, report: StageReport, outcome: StageOutcome) => void;

export type Exec = ExecutionRecord<ExecutionSpec>;

/** How a stage ended. */
export interface StageOutcome {
  ok: boolean;
  cancelled?: boolean;
  reason?: string;
}

export interface WorkflowEngineDeps {
  tx: Transaction;
  store: WorkflowRunStore;
  images: ImageStore;
  runs: RunStore;
  distribution: () => DistributionService;
  now?: () => number;
  /** After a DISTRIBUTION stage settled the image. */
  onImageSettled: (scope: Scope, image: Image & { arn: string }) => void;
  /** After a BUILD or TEST stage ended (the builder moves on). */
  onStageEnded: (scope: Scope, imageArn: string, type: WorkflowType, outcome: StageOutcome) => void;
  onError?: (e: unknown) => void;
  /** How often waiting steps are checked for their timeout. */
  tickMs?: number;
}

const DISTRIBUTION_ACTIONS: Record<string, (base: StoredPlanInput, config: Distribution[] | undefined, inputs: Record<string, unknown>) => PreparedRun> = {
  DistributeImage: prepareDistributeImage,
  ModifyImageAttributes: prepareModifyImageAttributes,
  ApplyImageConfigurations: prepareApplyImageConfigurations,
  DistributeContainerImage: (base, config) => prepareDistributeContainerImage(base, config),
};

const ENDED = new Set(['COMPLETED', 'FAILED', 'SKIPPED', 'CANCELLED', 'ROLLBACK_COMPLETED']);

/** Runs, resumes and answers the custom workflow executions of images. */
export class WorkflowEngine {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private readonly reports = new Map<StageReport['kind'], StageReportHandler>();

  constructor(private readonly deps: WorkflowEngineDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private get store(): WorkflowRunStore {
    return this.deps.store;
  }

  // ------------------------------------------------------------------ lifecycle

  /** Resumes executions left unfinished and starts the timeout check. */
  start(): void {
    this.resumeAll();
    this.timer ??= setInterval(() => this.tick(), this.deps.tickMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Receives the ends of stages started with `reportTo` of this kind (register before start()). */
  reportStageEndsTo(kind: StageReport['kind'], handler: StageReportHandler): void {
    this.reports.set(kind, handler);
  }

  /**
   * Starts the workflows of a stage: the first group now (up to five of a parallel group), the
   * rest in turn. With `reportTo` the stage's end goes to that handler and the image is left as it
   * is. Returns the new executions' ids in order.
   */
  startStage(
    scope: Scope,
    imageArn: string,
    type: WorkflowType,
    workflows: AttachedWorkflow[],
    stage: StageContext,
    opts: { reportTo?: StageReport } = {},
  ): string[] {
    const seq0 = this.store.executionsOf(scope, imageArn).length;
    const ids: string[] = [];
    this.deps.tx(() => {
      workflows.forEach((w, i) => {
        const executionId = `wf-${randomUUID()}`;
        ids.push(executionId);
        const seq = seq0 + i;
        this.store.insertExecution(
          {
            scope,
            executionId,
            imageArn,
            type,
            seq,
            workflowArn: w.arn,
            status: 'PENDING',
            spec: { workflow: w, stage, stageSeq: seq0, group: w.parallelGroup ?? `#${seq}`, ...(opts.reportTo ? { reportTo: opts.reportTo } : {}) },
          },
          w.document.steps.map((s, idx) => ({
            scope,
            stepExecutionId: `step-${randomUUID()}`,
            executionId,
            idx,
            name: s.name,
            action: s.action,
            status: 'PENDING',
          })),
        );
      });
      if (type === 'DISTRIBUTION') this.setImageStatus(scope, imageArn, 'DISTRIBUTING');
      const first = this.store.executionsOf<ExecutionSpec>(scope, imageArn).find((e) => e.seq === seq0);
      if (first) this.startRunnable(this.stageOf(first));
    });
    return ids;
  }

  /** The executions of `exec`'s stage (same type, same stage start; rows without one: all of the type). */
  private stageOf(exec: Exec): Exec[] {
    return this.store.executionsOf<ExecutionSpec>(exec.scope, exec.imageArn).filter((e) => e.type === exec.type && e.spec.stageSeq === exec.spec.stageSeq);
  }

  /** Starts what the stage's groups allow now (groups.ts); each advances once the caller's transaction is over. */
  private startRunnable(stage: Exec[]): void {
    const now = this.iso();
    for (const e of runnable(stage)) {
      this.store.updateExecution({ ...e, status: 'RUNNING', startTime: now });
      queueMicrotask(() => this.safely(() => this.advance(e.scope, e.executionId)));
    }
  }

  /**
   * RetryImage of an image whose DISTRIBUTION workflow failed: a new execution of that workflow
   * (`retried`), with the steps before the first failed one carried over as they ended (their
   * outputs stay readable) and the rest run again — a distribution step keeps what its failed run
   * finished (carryFinished), so nothing is copied twice, and a WaitForAction waits again. The caller's transaction covers
   * the image's state and the new rows. False when the image has no failed DISTRIBUTION workflow.
   */
  retryDistribution(scope: Scope, imageArn: string): boolean {
    const all = this.store.executionsOf<ExecutionSpec>(scope, imageArn);
    const last = all.filter((e) => e.type === 'DISTRIBUTION').at(-1);
    if (!last || (last.status !== 'FAILED' && last.status !== 'ROLLBACK_COMPLETED')) return false;
    // A reported stage (a rollout's gate) is its starter's to run again, not RetryImage's.
    if (last.spec.reportTo) return false;
    const old = this.store.steps(scope, last.executionId);
    const firstFailed = old.find((st) => st.status === 'FAILED')?.idx ?? 0;
    const executionId = `wf-${randomUUID()}`;
    const now = this.iso();
    this.deps.tx(() => {
      this.store.insertExecution(
        {
          scope,
          executionId,
          imageArn,
          type: 'DISTRIBUTION',
          seq: all.length,
          workflowArn: last.workflowArn,
          status: 'RUNNING',
          spec: { ...last.spec, retryOf: last.executionId, stageSeq: all.length, group: `#${all.length}` },
          startTime: now,
        },
        old.map((st) => {
          const fresh = { scope, stepExecutionId: `step-${randomUUID()}`, executionId, idx: st.idx, name: st.name, action: st.action };
          if (st.idx >= firstFailed || (st.status !== 'COMPLETED' && st.status !== 'SKIPPED')) return { ...fresh, status: 'PENDING' as const };
          const { runId: _run, deadline: _deadline, rollbackStatus: _rollback, ...kept } = st;
          return { ...kept, ...fresh, status: st.status };
        }),
      );
      this.setImageStatus(scope, imageArn, 'DISTRIBUTING');
    });
    queueMicrotask(() => this.safely(() => this.advance(scope, executionId)));
    return true;
  }

  /** Resumes what a restart interrupted: ended runs not yet recorded, executions between steps. */
  resumeAll(): void {
    for (const exec of this.store.unfinished<ExecutionSpec>()) {
      this.safely(() => {
        if (exec.status === 'ROLLBACK_IN_PROGRESS') return this.rollback(exec.scope, exec.executionId);
        if (exec.status !== 'RUNNING') return;
        const steps = this.store.steps(exec.scope, exec.executionId);
        const running = steps.find((s) => s.status === 'RUNNING');
        if (running?.runId) {
          const run = this.deps.runs.getRun(exec.scope, running.runId);
          if (run && run.status !== 'running') this.runEnded(run, run.status, this.deps.runs.steps(exec.scope, run.runId));
          return;
        }
        this.advance(exec.scope, exec.executionId);
      });
    }
  }

  /** Fails waiting steps whose timeout passed. */
  tick(): void {
    const now = this.now();
    for (const st of this.store.allWaitingWithDeadline()) {
      if ((st.deadline ?? Infinity) > now) break;
      this.safely(() => {
        const exec = this.store.getExecution<ExecutionSpec>(st.scope, st.executionId);
        if (!exec) return;
        const timeout = exec.spec.workflow.document.steps[st.idx]?.timeoutSeconds ?? 0;
        this.failStep(exec, st, `The step timed out after ${timeout} seconds without an action.`);
        this.advance(st.scope, st.executionId);
      });
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.deps.onError?.(e);
    }
  }

  // ------------------------------------------------------------------ stepping

  /** Runs steps until one must wait (a run, an action) or the execution ends. */
  advance(scope: Scope, executionId: string): void {
    for (let guard = 0; guard < 100; guard++) {
      const exec = this.store.getExecution<ExecutionSpec>(scope, executionId);
      if (!exec || exec.status !== 'RUNNING') return;
      const steps = this.store.steps(scope, executionId);
      if (steps.some((s) => s.status === 'RUNNING' || s.status === 'WAITING')) return;
      const next = steps.find((s) => s.status === 'PENDING');
      if (!next) {
        this.endExecution(exec, 'COMPLETED', 'Workflow completed.');
        return;
      }
      const doc = exec.spec.workflow.document.steps[next.idx]!;
      const cx = this.context(exec, steps);
      const now = this.iso();
      if (doc.if && !evaluate(doc.if, cx)) {
        this.store.updateStep({ ...next, status: 'SKIPPED', message: 'Skipped: the step condition is false.', startTime: now, endTime: now });
        continue;
      }
      const inputs = resolveInputs(doc.inputs, cx) as Record<string, unknown>;
      const started = { ...next, inputs, startTime: now };
      if (next.action === 'WaitForAction') {
        this.store.updateStep({
          ...started,
          status: 'WAITING',
          deadline: this.now() + doc.timeoutSeconds * 1000,
          message: 'Waiting for an action: SendWorkflowStepAction with RESUME or STOP.',
        });
        return;
      }
      const prepare = DISTRIBUTION_ACTIONS[next.action];
      if (prepare) {
        const stage = exec.spec.stage;
        let prepared: PreparedRun;
        try {
          if (!stage.plan) throw new Error('The image has nothing to distribute.');
          prepared = this.carryFinished(exec, next.idx, prepare(stage.plan, stage.config, inputs));
        } catch (e) {
          this.failStep(exec, started, (e as Error).message);
          continue;
        }
        if (prepared.jobs.length === 0) {
          const { outputs } = runOutcome(next.action, { jobs: [], planInput: prepared.planInput }, 'succeeded', []);
          this.store.updateStep({ ...started, status: 'COMPLETED', outputs, message: 'Completed: nothing to do.', endTime: now });
          continue;
        }
        this.deps.tx(() => {
          const runId = this.deps
            .distribution()
            .startPrepared(scope, exec.imageArn, { ...prepared.planInput, workflowStepId: next.stepExecutionId }, prepared.jobs, prepared.steps);
          this.store.updateStep({ ...started, status: 'RUNNING', runId, message: 'Running.' });
        });
        return;
      }
      const outputs = simulatedOutputs(next.action, scope, next.stepExecutionId, inputs, {
        ...(exec.spec.stage.amiId ? { amiId: exec.spec.stage.amiId } : {}),
        platform: String(exec.spec.stage.vars.platform ?? ''),
      });
      this.store.updateStep({ ...started, status: 'COMPLETED', outputs, message: 'Completed.', endTime: now });
    }
  }

  /**
   * In a retried execution, a distribution step keeps what the failed execution's run of the same
   * step finished (same plan, same step keys), as RetryImage of a plain distribution does: only
   * the jobs that failed run again, so nothing is copied twice.
   */
  private carryFinished(exec: Exec, idx: number, prepared: PreparedRun): PreparedRun {
    if (!exec.spec.retryOf) return prepared;
    const old = this.store.steps(exec.scope, exec.spec.retryOf).find((s) => s.idx === idx);
    if (!old?.runId) return prepared;
    const done = new Map(
      this.deps.runs
        .steps(exec.scope, old.runId)
        .filter((s) => s.status === 'succeeded')
        .map((s) => [s.key, s]),
    );
    return { ...prepared, steps: prepared.steps.map((s) => done.get(s.key) ?? s) };
  }

  /** A distribution run started by a step ended (called by the distribution service). */
  runEnded(run: RunRecord, status: RunStatus, steps: StepRecord[]): void {
    const st = this.store.stepOfRun(run.scope, run.runId);
    if (!st || st.status !== 'RUNNING') return;
    const exec = this.store.getExecution<ExecutionSpec>(run.scope, st.executionId);
    if (!exec) return;
    const { outputs, error } = runOutcome(st.action, run, status, steps);
    const now = this.iso();
    if (status === 'cancelled') {
      this.deps.tx(() => {
        this.store.updateStep({ ...st, status: 'CANCELLED', outputs, message: 'The image creation was cancelled.', endTime: now });
        this.cancelExecution(exec);
      });
      return;
    }
    if (status === 'succeeded') this.store.updateStep({ ...st, status: 'COMPLETED', outputs, message: 'Completed.', endTime: now });
    else this.failStep(exec, st, error ?? 'The step did not complete.', outputs);
    this.advance(run.scope, exec.executionId);
  }

  /** RESUME completes a waiting step; STOP fails it with the reason (its onFailure decides the rest). */
  sendAction(scope: Scope, step: WorkflowStepRecord, action: 'RESUME' | 'STOP', reason: string | undefined): void {
    const exec = this.store.getExecution<ExecutionSpec>(scope, step.executionId)!;
    const outputs = { action, ...(reason !== undefined ? { reason } : {}) };
    if (action === 'RESUME') {
      this.store.updateStep({ ...step, status: 'COMPLETED', outputs, message: reason ? `Resumed: ${reason}` : 'Resumed.', endTime: this.iso() });
    } else {
      this.failStep(exec, step, reason ?? 'The step was stopped (SendWorkflowStepAction STOP).', outputs);
    }
    this.advance(scope, exec.executionId);
  }

  /** Cancels the image's unfinished executions (CancelImageCreation); runs in progress end through their run. */
  cancelImage(scope: Scope, imageArn: string): void {
    const now = this.iso();
    this.deps.tx(() => {
      for (const { executionId } of this.store.executionsOf<ExecutionSpec>(scope, imageArn)) {
        // Read afresh: cancelling one execution of a stage may already have ended the others.
        const exec = this.store.getExecution<ExecutionSpec>(scope, executionId)!;
        // A rollback in progress finishes (it only undoes); the stage then ends as cancelled.
        if (ENDED.has(exec.status) || exec.status === 'ROLLBACK_IN_PROGRESS') continue;
        const steps = this.store.steps(scope, exec.executionId);
        for (const st of steps)
          if (st.status === 'PENDING' || st.status === 'WAITING')
            this.store.updateStep({ ...st, status: 'CANCELLED', message: 'The image creation was cancelled.', endTime: now });
        if (!steps.some((s) => s.status === 'RUNNING' && s.runId)) this.cancelExecution(exec);
      }
    });
  }

  // ------------------------------------------------------------------ endings

  private failStep(exec: Exec, st: WorkflowStepRecord, message: string, outputs?: Record<string, unknown>): void {
    const now = this.iso();
    const doc = exec.spec.workflow.document.steps[st.idx]!;
    const reason = `Workflow Step '${st.name}' (${st.action}) failed: ${message}`;
    let rollingBack = false;
    this.deps.tx(() => {
      this.store.updateStep({ ...st, status: 'FAILED', message, ...(outputs ? { outputs } : {}), startTime: st.startTime ?? now, endTime: now });
      if (doc.onFailure === 'Continue') return;
      const steps = this.store.steps(exec.scope, exec.executionId);
      for (const s of steps) {
        if (s.status === 'PENDING')
          this.store.updateStep({ ...s, status: 'SKIPPED', message: `Skipped: step '${st.name}' failed.`, startTime: now, endTime: now });
      }
      // Abort rolls back from the failed step backwards: every step up to it that did something
      // undoable (it has outputs), whose action has a rollback and whose rollbackEnabled holds.
      const cx = this.context(exec, steps);
      const undo = steps.filter((s) => {
        if (s.idx > st.idx || !s.outputs || !hasRollback(s.action)) return false;
        if (s.status !== 'COMPLETED' && s.stepExecutionId !== st.stepExecutionId) return false;
        return rollbackEnabled(exec.spec.workflow.document.steps[s.idx]!, cx);
      });
      if (undo.length === 0) {
        this.endExecution(exec, 'FAILED', reason);
        return;
      }
      for (const s of undo) {
        const fresh =
          s.stepExecutionId === st.stepExecutionId
            ? { ...st, status: 'FAILED' as const, message, ...(outputs ? { outputs } : {}), startTime: st.startTime ?? now, endTime: now }
            : s;
        this.store.updateStep({ ...fresh, rollbackStatus: 'RUNNING' });
      }
      this.store.updateExecution({ ...exec, status: 'ROLLBACK_IN_PROGRESS', message: reason, startTime: exec.startTime ?? now });
      rollingBack = true;
    });
    if (rollingBack) queueMicrotask(() => this.safely(() => this.rollback(exec.scope, exec.executionId)));
  }

  /**
   * Rolls back the steps marked RUNNING, last first, each in its own transaction; then the
   * execution ends ROLLBACK_COMPLETED (FAILED when a rollback failed) with the failure's reason.
   */
  private rollback(scope: Scope, executionId: string): void {
    testPause('workflow-rollback');
    const exec = this.store.getExecution<ExecutionSpec>(scope, executionId);
    if (!exec || exec.status !== 'ROLLBACK_IN_PROGRESS') return;
    const pending = this.store
      .steps(scope, executionId)
      .filter((s) => s.rollbackStatus === 'RUNNING')
      .reverse();
    for (const s of pending) {
      try {
        const undone = rollBack(s.action, s.outputs ?? {});
        this.store.updateStep({ ...s, rollbackStatus: 'COMPLETED', message: `${s.message ?? s.status} ${undone}`.trim() });
      } catch (e) {
        this.store.updateStep({ ...s, rollbackStatus: 'FAILED', message: `${s.message ?? s.status} Rollback failed: ${(e as Error).message}`.trim() });
      }
    }
    const failed = this.store.steps(scope, executionId).filter((s) => s.rollbackStatus === 'FAILED').length;
    const reason = exec.message ?? 'The workflow failed.';
    this.endExecution(exec, failed ? 'FAILED' : 'ROLLBACK_COMPLETED', failed ? `${reason} The rollback of ${failed} step(s) failed.` : reason);
  }

  private cancelExecution(exec: Exec): void {
    const now = this.iso();
    for (const s of this.store.steps(exec.scope, exec.executionId)) {
      if (s.status === 'PENDING' || s.status === 'WAITING')
        this.store.updateStep({ ...s, status: 'CANCELLED', message: 'The image creation was cancelled.', endTime: now });
    }
    this.endExecution(exec, 'CANCELLED', 'The image creation was cancelled.');
  }

  /**
   * Ends an execution, then (one transaction) starts what the stage may run next, or ends the
   * stage once none of its executions is active. A failed workflow with onFailure ABORT (or a
   * cancellation) skips the stage's pending workflows and cancels those still running beside it.
   */
  private endExecution(exec: Exec, status: 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'ROLLBACK_COMPLETED', message: string): void {
    const { scope, imageArn, type } = exec;
    const now = this.iso();
    this.deps.tx(() => {
      this.store.updateExecution({ ...exec, status, message, startTime: exec.startTime ?? now, endTime: now });
      const abort = (status === 'FAILED' || status === 'ROLLBACK_COMPLETED') && exec.spec.workflow.onFailure === 'ABORT';
      if (status === 'CANCELLED' || abort) {
        for (const e of this.stageOf(exec)) {
          if (e.status === 'PENDING') {
            this.store.updateExecution({
              ...e,
              status: status === 'CANCELLED' ? 'CANCELLED' : 'SKIPPED',
              message: status === 'CANCELLED' ? message : `Skipped: workflow '${exec.spec.workflow.name}' failed.`,
            });
          } else if (e.status === 'RUNNING' && abort && !this.store.steps(scope, e.executionId).some((st) => st.status === 'RUNNING' && st.runId)) {
            this.stopSibling(e, `Cancelled: workflow '${exec.spec.workflow.name}' failed.`);
          }
        }
      } else {
        this.startRunnable(this.stageOf(exec));
      }
      const stage = this.stageOf(exec);
      if (stage.some((e) => ACTIVE.has(e.status))) return;
      const failed = stage.find((e) => (e.status === 'FAILED' || e.status === 'ROLLBACK_COMPLETED') && e.spec.workflow.onFailure === 'ABORT');
      const report = exec.spec.reportTo;
      if (failed) this.endStage(scope, imageArn, type, { ok: false, reason: failed.message ?? 'The workflow failed.' }, report);
      else if (stage.some((e) => e.status === 'CANCELLED')) this.endStage(scope, imageArn, type, { ok: false, cancelled: true }, report);
      else this.endStage(scope, imageArn, type, { ok: true }, report);
    });
  }

  /** Cancels a running execution beside an aborted one (its waiting and pending steps too). */
  private stopSibling(e: Exec, message: string): void {
    const now = this.iso();
    for (const st of this.store.steps(e.scope, e.executionId)) {
      if (st.status === 'PENDING' || st.status === 'WAITING') this.store.updateStep({ ...st, status: 'CANCELLED', message, endTime: now });
    }
    this.store.updateExecution({ ...e, status: 'CANCELLED', message, startTime: e.startTime ?? now, endTime: now });
  }

  private endStage(scope: Scope, imageArn: string, type: WorkflowType, outcome: StageOutcome, report?: StageReport): void {
    if (report) {
      const handler = this.reports.get(report.kind);
      // Without its handler the image is left as it is (the starter settles it), never settled here.
      if (handler) handler(scope, imageArn, report, outcome);
      else this.deps.onError?.(new Error(`No handler for the end of a ${report.kind} stage (${report.id}) of ${imageArn}.`));
      return;
    }
    if (type !== 'DISTRIBUTION') {
      this.deps.onStageEnded(scope, imageArn, type, outcome);
      return;
    }
    const image = this.deps.images.get(scope, imageArn);
    if (!image) return;
    const outputs = this.outputs(scope, imageArn);
    let next: Image & { arn: string };
    if (outcome.cancelled || image.state?.status === 'CANCELLED') {
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'CANCELLED', reason: 'The image creation was cancelled.' } };
    } else if (outcome.ok) {
      this.deps.images.put(scope, { ...image, arn: imageArn, outputResources: outputs, state: { status: 'INTEGRATING' } });
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'AVAILABLE' } };
    } else {
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'FAILED', reason: outcome.reason ?? 'The distribution workflow failed.' } };
    }
    this.deps.images.put(scope, next);
    this.deps.onImageSettled(scope, next);
  }

  /** The image's outputs: every AMI and container the DISTRIBUTION workflows delivered, plus the build AMI. */
  private outputs(scope: Scope, imageArn: string): OutputResources {
    const amis = new Map<string, NonNullable<OutputResources['amis']>[number]>();
    const containers: NonNullable<OutputResources['containers']> = [];
    let plan: StoredPlanInput | undefined;
    for (const exec of this.store.executionsOf<ExecutionSpec>(scope, imageArn)) {
      if (exec.type !== 'DISTRIBUTION') continue;
      plan ??= exec.spec.stage.plan;
      for (const st of this.store.steps(scope, exec.executionId)) {
        if (!st.runId || (st.action !== 'DistributeImage' && st.action !== 'DistributeContainerImage')) continue;
        const run = this.deps.runs.getRun(scope, st.runId);
        if (!run) continue;
        const out = outputResources(jobViews(run.jobs, this.deps.runs.steps(scope, st.runId)));
        for (const a of out.amis ?? []) amis.set(`${a.region}|${a.accountId}`, a);
        containers.push(...(out.containers ?? []));
      }
    }
    const src = plan?.source;
    if (src?.kind === 'ami' && !amis.has(`${src.region}|${src.accountId}`)) {
      amis.set(`${src.region}|${src.accountId}`, {
        region: src.region,
        image: src.imageId,
        name: src.name,
        state: { status: 'AVAILABLE' },
        accountId: src.accountId,
      });
    }
    return { amis: [...amis.values()], ...(containers.length ? { containers } : {}) };
  }

  private setImageStatus(scope: Scope, arn: string, status: NonNullable<Image['state']>['status']): void {
    const image = this.deps.images.get(scope, arn);
    if (image && image.state?.status !== 'CANCELLED') this.deps.images.put(scope, { ...image, arn, state: { status } });
  }

  // ------------------------------------------------------------------ expressions

  /** What the next step of `exec` can read. */
  private context(exec: Exec, steps: WorkflowStepRecord[]): ExprContext {
    const stepOutputs: ExprContext['stepOutputs'] = {};
    for (const s of steps) if (s.outputs && (s.status === 'COMPLETED' || s.status === 'FAILED')) stepOutputs[s.name] = s.outputs;
    return {
      parameters: exec.spec.workflow.parameters,
      stepOutputs,
      workflowOutputs: { ...exec.spec.stage.workflowOutputs, ...this.workflowOutputs(exec) },
      imagebuilder: exec.spec.stage.vars,
    };
  }

  /** Outputs declared by the image's workflows that completed before `exec`. */
  private workflowOutputs(exec: Exec): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const e of this.store.executionsOf<ExecutionSpec>(exec.scope, exec.imageArn)) {
      if (e.seq >= exec.seq || e.status !== 'COMPLETED' || e.spec.workflow.document.outputs.length === 0) continue;
      const stepOutputs: ExprContext['stepOutputs'] = {};
      for (const s of this.store.steps(e.scope, e.executionId)) if (s.outputs) stepOutputs[s.name] = s.outputs;
      const cx: ExprContext = { parameters: e.spec.workflow.parameters, stepOutputs, workflowOutputs: {}, imagebuilder: e.spec.stage.vars };
      for (const o of e.spec.workflow.document.outputs) out[o.name] = resolvePath(cx, o.value);
    }
    return out;
  }
}
