// The engine's storage ports: the run and step records it writes, the run store it checkpoints
// through, the paged reads the workflow views use, and the image writes it makes. The engine
// depends on these only; the SQLite adapters (store/sqlite/runs.ts, run-pages.ts, images.ts)
// implement them, so the dependency points from the store to the engine and never back.
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { PlannedJob } from './plan.js';
import type { StepRecord, StepStatus } from './step-inputs.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A stored run: one attempt at distributing one image. */
export interface RunRecord {
  scope: Scope;
  runId: string;
  imageArn: string;
  attempt: number;
  status: RunStatus;
  planInput: unknown;
  jobs: PlannedJob[];
  startTime: string;
  endTime?: string;
  /** Set when the step retention setting compacted the run's step rows. */
  compacted?: CompactedRun;
}

/** What a compacted run keeps of its steps: when they went and how its jobs ended. */
export interface CompactedRun {
  at: string;
  jobs: { total: number; completed: number; failed: number; cancelled: number };
}

/** A run's identity and state, without its plan input and jobs. */
export type RunHead = Omit<RunRecord, 'planInput' | 'jobs'>;

/** A finished run old enough to compact. */
export interface CompactCandidate {
  scope: Scope;
  runId: string;
  jobCount: number;
}

/** A step's error as checkpointed. */
export interface StepError {
  code: string;
  message: string;
}

/** Runs and their steps: every write is one durable statement or transaction. */
export interface RunStore {
  /** Writes a run and all its steps in one transaction. */
  createRun(run: Omit<RunRecord, 'status' | 'endTime'>, steps: StepRecord[]): void;
  /** Writes pending steps of an existing run in one transaction; a step already stored (by key)
   *  stays as it is, so writing a chunk again (recovery after a kill) changes nothing. */
  insertPendingSteps(scope: Scope, runId: string, steps: readonly StepRecord[]): void;
  /** How many step rows a run has. */
  countSteps(scope: Scope, runId: string): number;
  getRun(scope: Scope, runId: string): RunRecord | undefined;
  /** A run without its plan input and jobs (at 16 × 1,536 those are ~12 MB of JSON to parse). */
  runHead(scope: Scope, runId: string): RunHead | undefined;
  runsOfImage(scope: Scope, imageArn: string): RunRecord[];
  unfinishedRuns(): RunRecord[];
  steps(scope: Scope, runId: string): StepRecord[];
  /** Claims a pending step; false when another worker has it or it is no longer pending. */
  claim(scope: Scope, runId: string, key: string, now: string): boolean;
  /** Checkpoints a step's terminal state. */
  finish(scope: Scope, runId: string, key: string, status: StepStatus, now: string, output?: unknown, err?: StepError): void;
  /** Returns a running step to pending (a poll or a retry), keeping its partial output, with its
   *  retry count and the time it may run again. */
  release(scope: Scope, runId: string, key: string, next: { retries: number; at: string }, output?: unknown, err?: StepError): void;
  /** After a crash: steps left 'running' go back to 'pending'. */
  recover(scope: Scope, runId: string): number;
  /** The workflow step-execution id of each job of a run. */
  jobIds(scope: Scope, runId: string): Map<string, string>;
  /** The run and job of a workflow step-execution id. */
  findStepExecution(scope: Scope, id: string): { runId: string; jobKey: string } | undefined;
  endRun(scope: Scope, runId: string, status: RunStatus, now: string): void;
  /** Finished runs (not a custom workflow's) that ended at or before `cutoff`, oldest first. */
  compactable(cutoff: string, limit: number): CompactCandidate[];
  /** Deletes a finished run's step rows and step-execution ids, keeping the run, its jobs and
   *  `kept`: one transaction. False when the run is running (nothing changes). */
  compact(scope: Scope, runId: string, kept: CompactedRun): boolean;
  /** Several checkpoints in one transaction. */
  batch(fn: () => void): void;
  /**
   * Opens a group: every write on the store's database from now until `commit` (this store's,
   * and the simulated world's, whose transactions join it or nest as savepoints) lands in one
   * transaction. Undefined when a transaction is already open (writes then join that one). The
   * runner opens one per event-loop turn (see runner.ts): one commit instead of three per step.
   */
  openGroup(): RunGroup | undefined;
}

/** An open group of writes (RunStore.openGroup). */
export interface RunGroup {
  /** Commits every write of the group; throws (and leaves nothing of it) when storage fails. */
  commit(): void;
}

/** A run without its plan input and jobs. */
export interface RunSummary {
  runId: string;
  imageArn: string;
  attempt: number;
  status: RunStatus;
  startTime: string;
  endTime?: string;
  jobCount: number;
  /** Set when the run's step rows were compacted (see RunStore.compact). */
  compacted?: CompactedRun;
}

/** How a job's steps stand, enough to derive its status (see `jobStatusOf`). */
export interface JobTally {
  jobKey: string;
  steps: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Running, succeeded, or attempted at least once. */
  started: number;
}

/** Reads of runs that cost what they return (issue 19): summaries, pages of jobs, their steps. */
export interface RunPages {
  summary(scope: Scope, runId: string): RunSummary | undefined;
  summariesOfImage(scope: Scope, imageArn: string): RunSummary[];
  /** The ids of the image's runs and of ibex's own runs for it (ARN + `#ibex:…`), oldest first. */
  runIdsOfImageFamily(scope: Scope, imageArn: string): string[];
  /** The scope of a run found by its id alone (run ids are UUIDs). */
  scopeOfRun(runId: string): Scope | undefined;
  /** Jobs at positions [from, to) of a run's plan. */
  jobs(scope: Scope, runId: string, from: number, to: number): PlannedJob[];
  job(scope: Scope, runId: string, jobKey: string): PlannedJob | undefined;
  stepsOfJobs(scope: Scope, runId: string, jobKeys: string[]): StepRecord[];
  jobIds(scope: Scope, runId: string, jobKeys: string[]): Map<string, string>;
  tallies(scope: Scope, runId: string): JobTally[];
}

/** The image writes the engine makes: status and outputs of the image it distributes. */
export interface EngineImages {
  get(scope: Scope, arn: string): Image | undefined;
  /** Replaces the stored image. */
  put(scope: Scope, image: Image & { arn: string }): void;
  /** Every image, in every scope, still in a non-terminal state (start-up recovery). */
  active(): { scope: Scope; image: Image & { arn: string } }[];
}
