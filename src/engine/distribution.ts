// Binds runs to images: plans and starts a run for an image, records its outcome on the image
// (DISTRIBUTING → INTEGRATING → AVAILABLE, or FAILED with the reason, or CANCELLED), retries
// only what failed, and resumes unfinished runs at start-up.
import { randomUUID } from 'node:crypto';
import type { CloudPorts } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { EngineImages, RunPages, RunRecord, RunStatus, RunStore } from './run-ports.js';
import type { PlannedStep, StepRecord } from './step-inputs.js';
import { testPause } from '../testing/pause.js';
import { failureReason, jobViews, outputResources } from './outcome.js';
import { planDistribution, type PlanInput, type PlannedJob } from './plan.js';
import { Runner, type RunnerOptions } from './runner.js';
import { asPending } from './step-inputs.js';
import { jobCounts } from './workflow-view.js';

/** Stored form of a plan's input (dates as ISO strings). */
export type StoredPlanInput = Omit<PlanInput, 'template'> & {
  template: { buildDate: string; buildVersion: number };
  /** Set when the run is one step of a custom workflow: its end goes to the workflow, not the image. */
  workflowStepId?: string;
  /**
   * How many steps the plan has, set by `start`, which writes the step rows after the request in
   * chunks: a run with fewer rows was cut short by a stop or a kill, and its missing steps are
   * re-derived from this input (the plan is a pure function with stable keys) at start-up.
   */
  stepCount?: number;
};

/** The plan's input from its stored form. */
export function planInputOf(stored: StoredPlanInput): PlanInput {
  const { workflowStepId: _w, stepCount: _n, template, ...rest } = stored;
  return { ...rest, template: { buildDate: new Date(template.buildDate), buildVersion: template.buildVersion } };
}

export interface DistributionDeps {
  images: EngineImages;
  runs: RunStore;
  cloud: CloudPorts;
  now: () => Date;
  runner?: Partial<RunnerOptions>;
  /**
   * Step retention: a finished run's step rows are compacted this long after it ended (its run,
   * jobs and job counts stay; the image and its outputs are untouched). Kept forever when absent.
   */
  stepRetentionMs?: number;
  /** The paged run reads (job tallies for a compacted run's counts); needed with stepRetentionMs. */
  pages?: RunPages;
  /** Step rows a new run writes per event-loop turn after DistributeImage answered (default 2,000). */
  stepChunk?: number;
  onError?: (e: unknown) => void;
  /** Called after an image's run ended and the image was updated (e.g. for pipelines). */
  onImageSettled?: (scope: Scope, image: Image) => void;
  /** Called when a run started by a workflow step ends (the workflow engine goes on). */
  onWorkflowRunEnd?: (run: RunRecord, status: RunStatus, steps: StepRecord[]) => void;
}

/** Step rows written per turn after a start: ~20 ms of inserts, so requests are read in between. */
const STEP_CHUNK = 2_000;

/** Finished runs compacted per sweep (bounded work after each run end). */
const COMPACT_PER_SWEEP = 8;
/** Sweeps at start-up (a backlog of up to 8,000 runs drains before resuming). */
const COMPACT_STARTUP_SWEEPS = 1_000;

/** Starts, retries, cancels and resumes distributions. */
export class DistributionService {
  readonly runner: Runner;
  /** Runs started here whose step rows are still being written, by run key: write the rest now. */
  private readonly writers = new Map<string, () => void>();

  constructor(private readonly deps: DistributionDeps) {
    this.runner = new Runner(
      { runs: deps.runs, cloud: deps.cloud, now: deps.now, onRunEnd: (r, s, st) => this.settle(r, s, st), ...(deps.onError ? { onError: deps.onError } : {}) },
      deps.runner,
    );
  }

  /** Plans and starts the distribution of `imageArn`; returns the run id and its completion.
   *  The image's state and the run (with its jobs and plan input) are written in one
   *  transaction; called inside a caller's transaction (with the image and the client-token
   *  record) they commit with it. The step rows follow in chunks of `stepChunk`, one per
   *  event-loop turn after the request was answered (at 16 Regions × 1,536 accounts they are
   *  ~100,000 rows, most of the request's cost), then the runner starts. A stop or kill in
   *  between leaves a run with fewer rows than `stepCount`, which `resumeAll` completes. */
  start(scope: Scope, imageArn: string, input: PlanInput): { runId: string; finished: Promise<RunStatus> } {
    const plan = planDistribution(input);
    const runId = randomUUID();
    const stored: StoredPlanInput = {
      ...input,
      template: { buildDate: input.template.buildDate.toISOString(), buildVersion: input.template.buildVersion },
      stepCount: plan.steps.length,
    };
    this.deps.runs.batch(() => {
      this.setStatus(scope, imageArn, 'DISTRIBUTING');
      this.deps.runs.createRun({ scope, runId, imageArn, attempt: 1, planInput: stored, jobs: plan.jobs, startTime: this.deps.now().toISOString() }, []);
    });
    return { runId, finished: this.writeThenLaunch(scope, runId, plan.steps) };
  }

  /**
   * Starts a run of already prepared jobs and steps (a workflow step's; some steps may be
   * finished already). The caller's transaction, if any, covers writing it.
   */
  startPrepared(scope: Scope, imageArn: string, planInput: StoredPlanInput, jobs: PlannedJob[], steps: StepRecord[]): string {
    const runId = randomUUID();
    this.deps.runs.createRun({ scope, runId, imageArn, attempt: 1, planInput, jobs, startTime: this.deps.now().toISOString() }, steps);
    void this.launch(scope, runId, steps);
    return runId;
  }

  /** Re-runs only the failed (and skipped or cancelled) steps of the image's last run; the image's
   *  state and the new run are one transaction (see `start`). */
  retry(scope: Scope, imageArn: string): { runId: string; finished: Promise<RunStatus> } | undefined {
    const last = this.deps.runs.runsOfImage(scope, imageArn).at(-1);
    // A custom workflow's runs belong to its steps; retrying one alone would not finish the image.
    if (!last || (last.planInput as StoredPlanInput).workflowStepId) return undefined;
    const runId = randomUUID();
    const steps: StepRecord[] = this.deps.runs.steps(scope, last.runId).map((s) => (s.status === 'succeeded' ? s : asPending(s)));
    this.deps.runs.batch(() => {
      const image = this.deps.images.get(scope, imageArn);
      if (image) this.deps.images.put(scope, { ...image, arn: imageArn, state: { status: 'DISTRIBUTING' } });
      this.deps.runs.createRun(
        { scope, runId, imageArn, attempt: last.attempt + 1, planInput: last.planInput, jobs: last.jobs, startTime: this.deps.now().toISOString() },
        steps,
      );
    });
    return { runId, finished: this.launch(scope, runId, steps) };
  }

  /** Hands a stored run to the runner once the current (possibly enclosing) transaction is over
   *  (the store's transactions are synchronous) and the request that started it has been
   *  answered: from setImmediate, after this turn's I/O, so the caller does not wait for the
   *  runner to index every step. No other request is read before the check phase, so a
   *  CancelImageCreation that follows still finds the run active. `written`: the steps just
   *  written, handed over instead of read back. */
  private launch(scope: Scope, runId: string, written: StepRecord[]): Promise<RunStatus> {
    return new Promise<RunStatus>((resolve, reject) => {
      setImmediate(() => {
        // The server stopped in between (the database may be closed): the stored run resumes at
        // the next start, like every unfinished run, so this promise stays pending, as for a run
        // the stopping runner leaves.
        if (this.runner.stopped) return;
        try {
          const run = this.deps.runs.runHead(scope, runId);
          if (!run) return resolve('cancelled'); // the enclosing transaction rolled back
          this.runner.start(scope, runId, written).then((status) => {
            this.compactFinished();
            resolve(status);
          }, reject);
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  /**
   * Writes a new run's steps in chunks, one per turn from setImmediate (after the starting
   * request's transaction and answer), then hands the run to the runner. Until then the runner
   * answers `start` of this run with its completion (never a start from part of its rows), and
   * `cancel` writes the rest at once, so a CancelImageCreation right after the answer cancels
   * every step. A turn after `stop` writes nothing: the run resumes at the next start.
   */
  private writeThenLaunch(scope: Scope, runId: string, planned: PlannedStep[]): Promise<RunStatus> {
    const key = `${scope.accountId}/${scope.region}/${runId}`;
    const chunk = Math.max(1, this.deps.stepChunk ?? STEP_CHUNK);
    const steps: StepRecord[] = [];
    const finished = new Promise<RunStatus>((resolve, reject) => {
      const end = (): void => {
        this.writers.delete(key);
        mark.done(); // only ever called from a later turn, after `mark` is set below
      };
      /** Stopped or storage failed: the run, with the rows written so far, is completed and
       *  resumed at the next start-up (completeUnwritten); until then it is not started here. */
      const leave = (): void => void this.writers.delete(key);
      const writeUpTo = (to: number): void => {
        const next = planned.slice(steps.length, to).map((s): StepRecord => ({ ...s, status: 'pending', attempts: 0 }));
        this.deps.runs.insertPendingSteps(scope, runId, next);
        for (const st of next) steps.push(st); // (a spread of 100,000 arguments overflows the stack)
      };
      const run = (): void => {
        end();
        this.runner.start(scope, runId, steps).then((status) => {
          this.compactFinished();
          resolve(status);
        }, reject);
      };
      /** False when the starting transaction rolled back: there is nothing to write or run. */
      const stored = (): boolean => {
        if (steps.length > 0 || this.deps.runs.runHead(scope, runId)) return true;
        end();
        resolve('cancelled');
        return false;
      };
      const turn = (): void => {
        if (this.writers.get(key) !== flush) return; // written at once by a cancel
        // The server stopped in between (the database may be closed): this promise stays
        // pending, as for a run the stopping runner leaves.
        if (this.runner.stopped) return leave();
        try {
          if (!stored()) return;
          testPause(steps.length === 0 ? 'distribution-steps-first' : 'distribution-steps-more');
          writeUpTo(Math.min(steps.length + chunk, planned.length));
          if (steps.length < planned.length) setImmediate(turn);
          else run();
        } catch (e) {
          // Storage failed (e.g. a full disk), as the runner treats a failed run end.
          leave();
          this.deps.onError?.(e);
        }
      };
      const flush = (): void => {
        if (!stored()) return;
        writeUpTo(planned.length);
        run();
      };
      this.writers.set(key, flush);
      setImmediate(turn);
    });
    const mark = this.runner.writingSteps(scope, runId, finished);
    return finished;
  }

  /** Cancels the image's running distribution; false when none runs here. */
  cancel(scope: Scope, imageArn: string): boolean {
    const last = this.deps.runs.runsOfImage(scope, imageArn).at(-1);
    if (!last) return false;
    // Steps still being written: write them now, so that cancelling reaches every one.
    this.writers.get(`${scope.accountId}/${scope.region}/${last.runId}`)?.();
    return this.runner.cancel(scope, last.runId);
  }

  /**
   * Start-up: a run that `start` had not finished writing when the process stopped gets its
   * missing step rows, re-derived from its stored plan input (INSERT OR IGNORE by key, so the
   * rows already written, and any progress on them, stay). Returns how many runs it completed.
   */
  completeUnwritten(): number {
    let n = 0;
    for (const r of this.deps.runs.unfinishedRuns()) {
      const stored = r.planInput as StoredPlanInput;
      if (stored.stepCount === undefined || stored.workflowStepId || r.attempt !== 1) continue;
      if (this.deps.runs.countSteps(r.scope, r.runId) >= stored.stepCount) continue;
      const plan = planDistribution(planInputOf(stored));
      if (plan.steps.length !== stored.stepCount || plan.jobs.length !== r.jobs.length) {
        // A plan that no longer derives the same steps (the plan is pure, so only a change of
        // ibex between the kill and this start) is not mixed with the stored rows, and the run is
        // not resumed from part of its steps (it could end AVAILABLE without some of its AMIs):
        // it ends FAILED, saying why, and the image can be distributed again.
        this.failUnwritten(r);
        this.deps.onError?.(new Error(`run ${r.runId}: the re-derived plan has ${plan.steps.length} steps, the stored run ${stored.stepCount}`));
        continue;
      }
      for (let i = 0; i < plan.steps.length; i += STEP_CHUNK) {
        this.deps.runs.insertPendingSteps(
          r.scope,
          r.runId,
          plan.steps.slice(i, i + STEP_CHUNK).map((s): StepRecord => ({ ...s, status: 'pending', attempts: 0 })),
        );
      }
      n++;
    }
    return n;
  }

  /** Ends a run whose missing step rows cannot be re-derived, and fails its image with the reason. */
  private failUnwritten(r: RunRecord): void {
    const reason =
      'ibex stopped while writing the steps of this distribution and, after restarting, could not derive them again from the stored request. Distribute the image again.';
    this.deps.runs.batch(() => {
      this.deps.runs.endRun(r.scope, r.runId, 'failed', this.deps.now().toISOString());
      const image = this.deps.images.get(r.scope, r.imageArn);
      if (!image) return;
      const next: Image & { arn: string } = { ...image, arn: r.imageArn, state: { status: 'FAILED', reason } };
      this.deps.images.put(r.scope, next);
      this.deps.onImageSettled?.(r.scope, next);
    });
  }

  /** Resumes every unfinished run (start-up) and compacts what the retention setting lets go. */
  resumeAll(): Promise<RunStatus>[] {
    for (let i = 0; i < COMPACT_STARTUP_SWEEPS && this.compactFinished() === COMPACT_PER_SWEEP; i++);
    this.completeUnwritten();
    return this.runner.resumeAll().map((p) =>
      p.then((status) => {
        this.compactFinished();
        return status;
      }),
    );
  }

  /**
   * Compacts the step rows of up to COMPACT_PER_SWEEP finished runs that ended before the step
   * retention window (oldest first), each in one transaction with its job counts. Called after
   * every run end, so a backlog drains a few runs at a time. Returns how many it compacted.
   */
  compactFinished(): number {
    const ms = this.deps.stepRetentionMs;
    const pages = this.deps.pages;
    if (ms === undefined || !pages) return 0;
    const now = this.deps.now();
    let n = 0;
    try {
      for (const c of this.deps.runs.compactable(new Date(now.getTime() - ms).toISOString(), COMPACT_PER_SWEEP)) {
        if (this.runner.isActive(c.scope, c.runId)) continue;
        this.deps.runs.batch(() => {
          const jobs = jobCounts(c.jobCount, pages.tallies(c.scope, c.runId));
          if (this.deps.runs.compact(c.scope, c.runId, { at: now.toISOString(), jobs })) n++;
        });
      }
    } catch (e) {
      // Storage failed: the rows stay, and the next sweep tries again.
      this.deps.onError?.(e);
    }
    return n;
  }

  /**
   * Start-up recovery of images left in an active distribution state whose run cannot move them
   * on (a database written before starts and finishes were atomic, or repaired by hand): an
   * image whose last run has ended gets the state that run's steps say; one with no run at all
   * (and no build in progress, which the builder owns) fails with a reason, never "forever".
   * Returns the ARNs it settled.
   */
  recoverImages(hasBuildInProgress: (scope: Scope, imageArn: string) => boolean): string[] {
    const settled: string[] = [];
    for (const { scope, image } of this.deps.images.active()) {
      const status = image.state?.status;
      const last = this.deps.runs.runsOfImage(scope, image.arn).at(-1);
      if (last) {
        if (last.status === 'running') continue; // resumeAll runs it to its end
        if ((last.planInput as StoredPlanInput).workflowStepId) continue; // the workflow engine's (resumeAll there)
        if (status !== 'DISTRIBUTING' && status !== 'INTEGRATING') continue;
        this.deps.runs.batch(() => this.settle(last, last.status, this.deps.runs.steps(scope, last.runId)));
        settled.push(image.arn);
      } else if (!hasBuildInProgress(scope, image.arn)) {
        const next: Image & { arn: string } = {
          ...image,
          state: { status: 'FAILED', reason: 'The distribution did not start: ibex stopped before its run was recorded. Retry with a new request.' },
        };
        this.deps.images.put(scope, next);
        settled.push(image.arn);
        this.deps.onImageSettled?.(scope, next);
      }
    }
    return settled;
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  private setStatus(scope: Scope, arn: string, status: NonNullable<Image['state']>['status'], reason?: string): Image | undefined {
    const image = this.deps.images.get(scope, arn);
    if (!image) return undefined;
    const next: Image & { arn: string } = { ...image, arn, state: { status, ...(reason ? { reason } : {}) } };
    this.deps.images.put(scope, next);
    return next;
  }

  private settle(run: RunRecord, status: RunStatus, steps: StepRecord[]): void {
    if ((run.planInput as StoredPlanInput).workflowStepId) {
      this.deps.onWorkflowRunEnd?.(run, status, steps);
      return;
    }
    const { scope, imageArn } = run;
    const image = this.deps.images.get(scope, imageArn);
    if (!image) return;
    const views = jobViews(run.jobs, steps);
    const outputs = outputResources(views);
    const source = (run.planInput as StoredPlanInput).ownerAccountId;
    let next: Image & { arn: string };
    if (status === 'cancelled') {
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'CANCELLED', reason: 'The image creation was cancelled.' } };
    } else if (status === 'succeeded') {
      // INTEGRATING is the service's own bookkeeping after distribution; ibex passes through it
      // within this transaction, so no reader can see it and it is not written (at 16 × 1,536 the
      // image row is 5.7 MB of outputs: one serialization and row write fewer per run end).
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'AVAILABLE' } };
    } else {
      next = { ...image, arn: imageArn, outputResources: outputs, state: { status: 'FAILED', reason: failureReason(views, source) ?? 'Distribution failed.' } };
    }
    this.deps.images.put(scope, next);
    this.deps.onImageSettled?.(scope, next);
  }
}
