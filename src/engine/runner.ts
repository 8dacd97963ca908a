// The runner: executes the durable steps of distribution runs. Steps become ready when their
// dependencies succeed; each is claimed with one SQL statement, executed, and checkpointed.
// Throttling and transient errors are retried with capped exponential backoff and jitter,
// permanent ones fail the step (and skip what depends on it) at once. A step's retry count and
// the time it may run again are in its row, so a restart resumes a backoff or poll where it was. At most `copyLimit` copies
// run per destination account and Region (AWS allows 50); the rest wait in the queue.
// The writes of one event-loop turn (claims, the cloud's world writes, checkpoints) commit as one
// group, once the turn's microtasks have run and before any other callback can read the database.
import { createHash } from 'node:crypto';
import { CloudError, type CloudPorts } from '../cloud/ports.js';
import type { Scope } from '../domain/scope.js';
import type { RunGroup, RunHead, RunRecord, RunStatus, RunStore } from './run-ports.js';
import { DistributionRoles } from './roles.js';
import type { StepContext, StepDefinition, StepResult } from './steps/contract.js';
import { stepDefinitions } from './steps/index.js';
import type { StepKind, StepOutputs, StepRecord, StepRecordOf } from './step-inputs.js';
import { ReadyQueue } from './ready-queue.js';
import { testPause } from '../testing/pause.js';

export interface RunnerOptions {
  /** Poll interval for copies and exports in progress. */
  pollMs: number;
  /** Steps executing at once, across runs. */
  maxInFlight: number;
  /** Concurrent copies per destination account and Region. */
  copyLimit: number;
  retry: { baseMs: number; capMs: number; maxRetries: number };
  /** Milliseconds of step scheduling per event-loop turn before the runner yields to I/O. */
  turnMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  pollMs: 100,
  maxInFlight: 64,
  copyLimit: 50,
  retry: { baseMs: 50, capMs: 2_000, maxRetries: 12 },
  turnMs: 5,
};

export interface RunnerDeps {
  runs: RunStore;
  cloud: CloudPorts;
  now: () => Date;
  /** Called once when a run ends, with its final steps. */
  onRunEnd: (run: RunRecord, status: RunStatus, steps: StepRecord[]) => void;
  onError?: (err: unknown) => void;
}

interface ActiveRun {
  /** The run without its jobs and plan input (read again when it ends). */
  run: RunHead;
  steps: Map<string, StepRecord>;
  waitingOn: Map<string, number>;
  dependents: Map<string, string[]>;
  ready: ReadyQueue;
  inFlight: number;
  timers: Set<NodeJS.Timeout>;
  roles: DistributionRoles;
  cancelled: boolean;
  finished: Promise<RunStatus>;
  resolve: (s: RunStatus) => void;
}

const SERVICE_LABEL: Record<string, string> = {
  ec2: 'EC2',
  ecr: 'ECR',
  s3: 'S3',
  ssm: 'SSM',
  sts: 'STS',
  organizations: 'Organizations',
  kms: 'KMS',
  'license-manager': 'License Manager',
};

/** Executes and recovers distribution runs. */
export class Runner {
  private readonly active = new Map<string, ActiveRun>();
  /** Runs whose step rows are still being written (DistributionService): their completion. */
  private readonly writing = new Map<string, Promise<RunStatus>>();
  private readonly copies = new Map<string, number>();
  private inFlight = 0;
  private stopping = false;
  private readonly opts: RunnerOptions;

  constructor(
    private readonly deps: RunnerDeps,
    opts: Partial<RunnerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_RUNNER_OPTIONS, ...opts, retry: { ...DEFAULT_RUNNER_OPTIONS.retry, ...opts.retry } };
  }

  /**
   * Starts (or resumes) a stored run; resolves with its final status. `written`: the steps the
   * caller has just written for a new run (none running), so they are not read back and parsed.
   */
  start(scope: Scope, runId: string, written?: StepRecord[]): Promise<RunStatus> {
    const key = runKey(scope, runId);
    const existing = this.active.get(key);
    if (existing) return existing.finished;
    // Its steps are not all stored yet: starting from the rows would run part of the plan.
    const pending = written ? undefined : this.writing.get(key);
    if (pending) return pending;
    const run = this.deps.runs.runHead(scope, runId);
    if (!run) throw new Error(`no run ${runId}`);
    let resolve!: (s: RunStatus) => void;
    const finished = new Promise<RunStatus>((r) => (resolve = r));
    if (run.status !== 'running') {
      resolve(run.status);
      return finished;
    }
    if (!written) this.deps.runs.recover(scope, runId);
    const ar: ActiveRun = {
      run,
      steps: new Map((written ?? this.deps.runs.steps(scope, runId)).map((s) => [s.key, s])),
      waitingOn: new Map(),
      dependents: new Map(),
      ready: new ReadyQueue(),
      inFlight: 0,
      timers: new Set(),
      roles: new DistributionRoles(this.deps.cloud, run.scope.accountId),
      cancelled: false,
      finished,
      resolve,
    };
    this.active.set(key, ar);
    for (const st of ar.steps.values()) {
      for (const d of st.dependsOn) {
        const list = ar.dependents.get(d) ?? [];
        list.push(st.key);
        ar.dependents.set(d, list);
      }
    }
    const blocked: string[] = [];
    const nowMs = this.deps.now().getTime();
    for (const st of ar.steps.values()) {
      if (st.status !== 'pending') continue;
      const deps = st.dependsOn.map((d) => ar.steps.get(d)!);
      if (deps.some((d) => d.status === 'failed' || d.status === 'skipped' || d.status === 'cancelled')) blocked.push(st.key);
      const open = deps.filter((d) => d.status !== 'succeeded').length;
      ar.waitingOn.set(st.key, open);
      if (open === 0) {
        // A step waiting out a backoff or a poll when the process stopped waits out the rest.
        const wait = st.nextAttemptAt ? Date.parse(st.nextAttemptAt) - nowMs : 0;
        if (wait > 0) this.later(ar, st.key, wait);
        else ar.ready.push(st.key);
      }
      // A copy made before a crash still occupies its destination's slot until its wait ends.
      if (st.kind === 'waitImage' && ar.steps.get(st.input.copyStep)?.status === 'succeeded') this.takeCopySlot(st);
    }
    for (const k of blocked) this.skipDependents(ar, k, true);
    queueMicrotask(() => {
      this.pump();
      this.maybeFinish(ar);
    });
    return finished;
  }

  /**
   * Marks a run whose step rows are still being written: until `done` is called, `start` without
   * `written` answers `finished` instead of starting the run from a part of its steps.
   */
  writingSteps(scope: Scope, runId: string, finished: Promise<RunStatus>): { done: () => void } {
    const key = runKey(scope, runId);
    this.writing.set(key, finished);
    return { done: () => void this.writing.delete(key) };
  }

  /** Resumes every run left unfinished (at start-up, after a crash). */
  resumeAll(): Promise<RunStatus>[] {
    return this.deps.runs.unfinishedRuns().map((r) => this.start(r.scope, r.runId));
  }

  /** Stops scheduling new steps of a run; what runs finishes; the rest is cancelled. */
  cancel(scope: Scope, runId: string): boolean {
    const ar = this.active.get(runKey(scope, runId));
    if (!ar) return false;
    ar.cancelled = true;
    for (const t of ar.timers) clearTimeout(t);
    ar.timers.clear();
    ar.ready.clear();
    const now = this.iso();
    this.deps.runs.batch(() => {
      for (const st of ar.steps.values()) {
        if (st.status !== 'pending') continue;
        st.status = 'cancelled';
        st.endedAt = now;
        this.deps.runs.finish(scope, runId, st.key, 'cancelled', now, st.output, { code: 'Cancelled', message: 'The image creation was cancelled.' });
      }
    });
    this.maybeFinish(ar);
    return true;
  }

  /** What this process holds now: runs executing here and their steps in flight. */
  held(): { runs: number; stepsInFlight: number } {
    return { runs: this.active.size, stepsInFlight: this.inFlight };
  }

  /** True while the run is executing in this process. */
  isActive(scope: Scope, runId: string): boolean {
    return this.active.has(runKey(scope, runId));
  }

  /** True once `stop` was called: nothing more is started in this process. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Stops scheduling; waits (bounded) for executing steps. Unfinished runs resume next start. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.commitGroup();
    this.stopping = true;
    for (const ar of this.active.values()) {
      for (const t of ar.timers) clearTimeout(t);
      ar.timers.clear();
    }
    const until = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  }

  // ---------------------------------------------------------------- scheduling

  private pumping = false;
  private repump = false;
  /** When this event-loop turn's scheduling began (undefined: not yet this turn). */
  private turnStart: number | undefined;
  /** Steps are ready but the turn's budget is spent: the next turn resumes them. */
  private deferred = false;

  private pump(): void {
    if (this.stopping) return;
    if (this.pumping) {
      this.repump = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.repump = false;
        for (const ar of this.active.values()) {
          if (ar.cancelled) continue;
          while (this.inFlight < this.opts.maxInFlight && ar.ready.length > 0) {
            if (!this.withinTurn()) {
              this.deferred = true;
              return;
            }
            const key = ar.ready.take();
            if (key === undefined) break; // only parked copies are left
            const st = ar.steps.get(key)!;
            if (st.status !== 'pending') continue; // skipped or cancelled while it was queued
            if (st.kind === 'copyImage' && !this.takeCopySlot(st)) {
              ar.ready.park(this.destKey(st), key);
              continue;
            }
            this.inFlight++;
            ar.inFlight++;
            void this.exec(ar, st);
          }
        }
      } while (this.repump);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Bounded work per event-loop turn. The simulated cloud answers at once, so steps would chain
   * through microtasks and never let the server read a request; after `turnMs` of starting steps
   * the runner stops and resumes from setImmediate, after the poll phase has served pending I/O.
   */
  private withinTurn(): boolean {
    const now = performance.now();
    if (this.turnStart === undefined) {
      this.turnStart = now;
      setImmediate(() => this.nextTurn());
    }
    return now - this.turnStart < this.opts.turnMs;
  }

  // ---------------------------------------------------------------- write groups

  /** The open group of this turn's writes (undefined: none open). */
  private group: RunGroup | undefined;
  /** Kinds of the steps that succeeded in the open group (for the crash-window test hook). */
  private readonly groupKinds = new Set<string>();

  /**
   * Opens this turn's group before a write, unless one is open. A microtask that schedules a
   * nextTick commits it: Node runs a tick queued from a microtask only once the microtask queue is
   * empty, so every step that completes in this turn (the simulated cloud answers at once) is in
   * the group, and the commit happens before the event loop reads a request or runs a timer. A
   * step's cloud call and the checkpoint that records it are thus one commit: a kill loses both or
   * neither. (A cloud that answers later, like AWS, completes the step in a later turn's group;
   * the claim already committed, so a kill there is the usual crash of a running step, resumed
   * with the same idempotency token.)
   */
  private grouped(): void {
    if (this.group || this.stopping) return;
    this.group = this.deps.runs.openGroup();
    if (this.group) queueMicrotask(() => process.nextTick(() => this.commitGroup()));
  }

  private commitGroup(): void {
    const g = this.group;
    if (!g) return;
    this.group = undefined;
    for (const kind of this.groupKinds) testPause(`group-commit:${kind}`);
    this.groupKinds.clear();
    try {
      g.commit();
    } catch (e) {
      // Storage failed: the group's steps are not stored as done, but this process went on from
      // them (and the world's memory holds what it wrote). Only a restart, resuming from the
      // database, is truthful again, so nothing more is started here.
      this.stopping = true;
      for (const ar of this.active.values()) {
        for (const t of ar.timers) clearTimeout(t);
        ar.timers.clear();
      }
      this.deps.onError?.(e);
    }
  }

  private nextTurn(): void {
    this.turnStart = undefined;
    if (!this.deferred) return;
    this.deferred = false;
    this.pump();
    for (const ar of [...this.active.values()]) this.maybeFinish(ar);
  }

  private destKey(st: StepRecord): string {
    return `${st.accountId}|${st.region}`;
  }

  private takeCopySlot(st: StepRecord): boolean {
    const k = this.destKey(st);
    const n = this.copies.get(k) ?? 0;
    if (n >= this.opts.copyLimit) return false;
    this.copies.set(k, n + 1);
    return true;
  }

  private releaseCopySlot(st: StepRecord): void {
    const k = this.destKey(st);
    const n = (this.copies.get(k) ?? 1) - 1;
    if (n <= 0) this.copies.delete(k);
    else this.copies.set(k, n);
    for (const ar of this.active.values()) ar.ready.unpark(k);
  }

  private async exec(ar: ActiveRun, st: StepRecord): Promise<void> {
    const { scope, runId } = ar.run;
    try {
      this.grouped();
      if (!this.deps.runs.claim(scope, runId, st.key, this.iso())) {
        if (st.kind === 'copyImage') this.releaseCopySlot(st);
        return;
      }
      st.status = 'running';
      st.attempts++;
      try {
        const res = await runStep(st, this.context(ar, st));
        this.grouped();
        if (res.done) {
          const now = this.iso();
          this.deps.runs.finish(scope, runId, st.key, 'succeeded', now, res.output);
          st.status = 'succeeded';
          st.output = res.output;
          st.endedAt = now;
          this.groupKinds.add(st.kind);
          if (st.kind === 'waitImage') this.releaseCopySlot(st);
          for (const d of ar.dependents.get(st.key) ?? []) {
            const left = (ar.waitingOn.get(d) ?? 1) - 1;
            ar.waitingOn.set(d, left);
            if (left === 0 && ar.steps.get(d)!.status === 'pending') ar.ready.push(d);
          }
        } else {
          if (res.output) st.output = res.output;
          st.nextAttemptAt = this.isoIn(res.waitMs);
          this.deps.runs.release(scope, runId, st.key, { retries: st.retries ?? 0, at: st.nextAttemptAt }, st.output);
          st.status = 'pending';
          this.later(ar, st.key, res.waitMs);
        }
      } catch (e) {
        this.grouped();
        const err =
          e instanceof CloudError ? e : new CloudError('ec2', 'InternalError', `An internal error has occurred: ${(e as Error)?.message ?? e}`, false);
        if (!(e instanceof CloudError)) this.deps.onError?.(e);
        const n = (st.retries ?? 0) + 1;
        // An assumed-role session outlived by a long run: assume the role again and retry.
        const expired = err.code === 'ExpiredToken';
        if (expired) ar.roles.forget(st.accountId, st.region);
        if ((err.retryable || expired) && n <= this.opts.retry.maxRetries && !ar.cancelled && !this.stopping) {
          const wait = this.backoff(n);
          st.retries = n;
          st.nextAttemptAt = this.isoIn(wait);
          this.deps.runs.release(scope, runId, st.key, { retries: n, at: st.nextAttemptAt }, st.output, { code: err.code, message: err.message });
          st.status = 'pending';
          this.later(ar, st.key, wait);
        } else {
          const now = this.iso();
          const message = `${SERVICE_LABEL[err.service] ?? err.service} Client Error: '${err.message}'`;
          this.deps.runs.batch(() => {
            this.deps.runs.finish(scope, runId, st.key, 'failed', now, st.output, { code: err.code, message });
            st.status = 'failed';
            st.errorCode = err.code;
            st.error = message;
            st.endedAt = now;
            this.skipDependents(ar, st.key, false);
          });
          if (st.kind === 'copyImage' || st.kind === 'waitImage') this.releaseCopySlot(st);
        }
      }
    } catch (fatal) {
      // Only storage failures land here; the run stays resumable.
      this.deps.onError?.(fatal);
    } finally {
      this.inFlight--;
      ar.inFlight--;
      this.pump();
      this.maybeFinish(ar);
    }
  }

  /** Marks every pending transitive dependent of `key` skipped (one transaction when `own`). */
  private skipDependents(ar: ActiveRun, key: string, own: boolean): void {
    const { scope, runId } = ar.run;
    const now = this.iso();
    const work = () => {
      const stack = [...(ar.dependents.get(key) ?? [])];
      while (stack.length) {
        const k = stack.pop()!;
        const d = ar.steps.get(k)!;
        if (d.status !== 'pending') continue;
        d.status = 'skipped';
        d.endedAt = now;
        d.error = `Not run because step ${key} did not complete.`;
        this.deps.runs.finish(scope, runId, k, 'skipped', now, d.output, { code: 'DependencyFailed', message: d.error });
        stack.push(...(ar.dependents.get(k) ?? []));
      }
    };
    if (own) this.deps.runs.batch(work);
    else work();
  }

  private later(ar: ActiveRun, key: string, ms: number): void {
    const t = setTimeout(
      () => {
        ar.timers.delete(t);
        if (ar.cancelled || ar.steps.get(key)!.status !== 'pending') return;
        ar.ready.push(key);
        this.pump();
        this.maybeFinish(ar);
      },
      Math.max(0, ms),
    );
    ar.timers.add(t);
  }

  private backoff(attempt: number): number {
    const { baseMs, capMs } = this.opts.retry;
    const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2); // "equal jitter"
  }

  private maybeFinish(ar: ActiveRun): void {
    if (this.stopping || ar.inFlight > 0 || ar.timers.size > 0) return;
    if (!ar.cancelled && ar.ready.length > 0) return;
    const key = runKey(ar.run.scope, ar.run.runId);
    if (this.active.get(key) !== ar) return;
    const all = [...ar.steps.values()];
    if (!ar.cancelled && all.some((s) => s.status === 'pending' || s.status === 'running')) return;
    const status: RunStatus = ar.cancelled ? 'cancelled' : all.every((s) => s.status === 'succeeded') ? 'succeeded' : 'failed';
    this.active.delete(key);
    // The run's end is its own transaction, after the steps before it committed: what the end
    // sets off (the image settled, pipelines, a workflow going on) never waits on a later group.
    this.commitGroup();
    try {
      // The run's end and what it means for its image (state, outputs) are one transaction: a
      // crash leaves either a running run (resumed at start-up) or both, never an ended run with
      // its image still DISTRIBUTING.
      this.deps.runs.batch(() => {
        this.deps.runs.endRun(ar.run.scope, ar.run.runId, status, this.iso());
        testPause('run-end');
        const full = this.deps.runs.getRun(ar.run.scope, ar.run.runId)!;
        this.deps.onRunEnd({ ...full, status }, status, all);
      });
    } catch (e) {
      // Storage failed (e.g. a full disk): the run stays 'running' in the database and is
      // finished by the next start-up's resume.
      this.deps.onError?.(e);
    }
    ar.resolve(status);
  }

  // ---------------------------------------------------------------- step context

  private context(ar: ActiveRun, st: StepRecord): StepContext {
    return {
      cloud: this.deps.cloud,
      ownerAccountId: ar.run.scope.accountId,
      pollMs: this.opts.pollMs,
      token: createHash('sha256').update(`${ar.run.runId}:${st.key}`).digest('hex'),
      outputOf: <K extends StepKind>(k: string, kind?: K) => {
        const s = ar.steps.get(k);
        if (s?.status !== 'succeeded' || (kind !== undefined && s.kind !== kind)) return undefined;
        return s.output as StepOutputs[K] | undefined;
      },
      as: (accountId, region) => ar.roles.as(accountId, region),
    };
  }

  private iso(): string {
    return this.deps.now().toISOString();
  }

  private isoIn(ms: number): string {
    return new Date(this.deps.now().getTime() + Math.max(0, ms)).toISOString();
  }
}

/** Runs a step with the definition of its own kind (the one place the union meets the table). */
function runStep<K extends StepKind>(st: StepRecordOf<K>, cx: StepContext): Promise<StepResult<K>> {
  return (stepDefinitions[st.kind] as StepDefinition<K>).run(st, cx);
}

function runKey(scope: Scope, runId: string): string {
  return `${scope.accountId}|${scope.region}|${runId}`;
}
