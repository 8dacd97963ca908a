// The async persistence ports (issue #13): the same stores as ports.ts, each method a promise, so
// that one implementation on Kysely serves both the embedded SQLite file and a shared PostgreSQL
// database. They replace the synchronous ports store by store; `Stores.tx` replaces
// `db.transaction(fn)()` outside store/ (so no port has a `batch` or `tx` of its own). Every store
// has its async port here: the core stores, build inputs, builds, pipeline state, meta, images,
// the simulated world's rows, workflow runs, lifecycle, rollouts, and the engine's runs and run
// pages. Record types are the synchronous ports' (store/records.ts, engine/run-ports.ts,
// cloud/simulated/), imported.
import type { Kind } from '../cloud/simulated/records.js';
import type { WorldRow } from '../cloud/simulated/world-rows.js';
import type { Scope } from '../domain/scope.js';
import type { PlannedJob } from '../engine/plan.js';
import type { CompactCandidate, CompactedRun, JobTally, RunRecord, RunStatus, RunSummary, StepError } from '../engine/run-ports.js';
import type { StepRecord, StepStatus } from '../engine/step-inputs.js';
import type { Distribution, Image } from '../model/generated/types.js';
import type { DistributionConfigurationRecord, IdempotencyRecord } from './ports.js';
import type {
  BuildPhase,
  BuildResourceRecord,
  BuildResourceType,
  BuildRow,
  ExecutionRecord,
  PipelineStateRow,
  ResourcePolicyRecord,
  ResourceRow,
  Rollout,
  StoredExecution,
  StoredLifecyclePolicy,
  WorkflowStepRecord,
} from './records.js';

export type { BuildPhase, BuildResourceRecord, BuildResourceType, BuildRow, PipelineStateRow };

export interface AsyncDistributionConfigurationStore {
  get(scope: Scope, id: string): Promise<DistributionConfigurationRecord | undefined>;
  insert(scope: Scope, rec: DistributionConfigurationRecord): Promise<void>;
  /** Replaces description and distributions; false when the id is unknown. */
  update(scope: Scope, id: string, change: { description?: string; distributions: Distribution[]; dateUpdated: string }): Promise<boolean>;
  delete(scope: Scope, id: string): Promise<boolean>;
  count(scope: Scope): Promise<number>;
  /** Records ordered by id after `afterId`, optionally only those whose name is in `names`. */
  list(scope: Scope, q: { names?: string[]; afterId?: string; limit: number }): Promise<DistributionConfigurationRecord[]>;
}

export interface AsyncTagStore {
  get(scope: Scope, arn: string): Promise<Record<string, string>>;
  getMany(scope: Scope, arns: string[]): Promise<Map<string, Record<string, string>>>;
  set(scope: Scope, arn: string, tags: Record<string, string>): Promise<void>;
  delete(scope: Scope, arn: string): Promise<void>;
  /** Every tagged resource of one Image Builder type (`distribution-configuration`, …) in every
   *  scope, ordered by account, Region and ARN. */
  ofResourceType(type: string): Promise<{ scope: Scope; arn: string; tags: Record<string, string> }[]>;
}

export interface AsyncIdempotencyStore {
  get(scope: Scope, operation: string, token: string): Promise<IdempotencyRecord | undefined>;
  /** Fails with StoreConflict when the token is already recorded (a concurrent first use). */
  put(scope: Scope, operation: string, token: string, rec: IdempotencyRecord): Promise<void>;
}

/** Recipes, components, infrastructure configurations, pipelines and workflows, keyed by ARN. */
export interface AsyncBuildResourceStore {
  get<T>(scope: Scope, arn: string): Promise<BuildResourceRecord<T> | undefined>;
  /** Fails with StoreConflict when the ARN exists. */
  insert(scope: Scope, type: BuildResourceType, rec: BuildResourceRecord<unknown>): Promise<void>;
  put(scope: Scope, arn: string, body: unknown): Promise<boolean>;
  delete(scope: Scope, arn: string): Promise<boolean>;
  /** Every record of a type, ordered by id, version and build. */
  list<T>(scope: Scope, type: BuildResourceType): Promise<BuildResourceRecord<T>[]>;
  versionsOf<T>(scope: Scope, type: BuildResourceType, id: string): Promise<BuildResourceRecord<T>[]>;
  /** Every image pipeline of every scope (the scheduler's view). */
  allPipelines(): Promise<{ scope: Scope; rec: BuildResourceRecord }[]>;
}

/** Durable simulated builds; the BUILD/TEST workflow ids are columns, so any node finds a build by them. */
export interface AsyncBuildStore {
  insert(row: BuildRow): Promise<void>;
  update(scope: Scope, imageArn: string, phase: BuildPhase, dueAt: number, progress: unknown): Promise<void>;
  get<S, P>(scope: Scope, imageArn: string): Promise<BuildRow<S, P> | undefined>;
  findByWorkflowId<S, P>(scope: Scope, workflowExecutionId: string): Promise<BuildRow<S, P> | undefined>;
  due<S, P>(now: number, limit: number): Promise<BuildRow<S, P>[]>;
}

export interface AsyncPipelineStateStore {
  get(scope: Scope, arn: string): Promise<PipelineStateRow | undefined>;
  put(scope: Scope, arn: string, s: PipelineStateRow): Promise<void>;
  delete(scope: Scope, arn: string): Promise<void>;
}

/** Service-wide values (the pagination secret). */
export interface AsyncMetaStore {
  /** The stored value of `key`, created with `make()` the first time (the first writer wins on every node). */
  value(key: string, make: () => string): Promise<string>;
  get(key: string): Promise<string | undefined>;
  /** Inserts or replaces the value of `key`. */
  set(key: string, value: string): Promise<void>;
}

/** Images keyed by (account, Region, build-version ARN), as ImageStore in ports.ts. */
export interface AsyncImageStore {
  get(scope: Scope, arn: string): Promise<Image | undefined>;
  /** Inserts a new build (`version` may carry `/<build>`), its number from `nextBuildNumber` in the
   *  same transaction. Fails with StoreConflict when the ARN or the build number is taken (two
   *  nodes numbering one version at once). */
  insert(scope: Scope, image: Image & { arn: string; name: string; version: string }, buildNumber: number): Promise<void>;
  /** Replaces the stored image. */
  put(scope: Scope, image: Image & { arn: string }): Promise<void>;
  delete(scope: Scope, arn: string): Promise<boolean>;
  nextBuildNumber(scope: Scope, name: string, version: string): Promise<number>;
  /** Builds of one name and semantic version, newest first. */
  builds(scope: Scope, name: string, version: string): Promise<Image[]>;
  /** Every build of one name (any version), by version and build. */
  buildsByName(scope: Scope, name: string): Promise<Image[]>;
  /** Every image, in every scope, still in a non-terminal state (start-up recovery); a corrupted
   *  row is left out (reading it reports it). */
  active(): Promise<{ scope: Scope; image: Image & { arn: string } }[]>;
  /** Every image of one scope, by ARN. */
  inScope(scope: Scope): Promise<(Image & { arn: string })[]>;
  /** The images of one scope, newest first (by creation, then build number, then ARN),
   *  optionally only those in one status. */
  newestFirst(scope: Scope, q?: { status?: string }): Promise<(Image & { arn: string })[]>;
}

/** The simulated world's rows (WorldRows of cloud/simulated/world-rows.ts); transactions are `Stores.tx`. */
export interface AsyncWorldRows {
  put(kind: Kind, accountId: string, region: string, id: string, body: unknown): Promise<void>;
  get<T>(kind: Kind, accountId: string, region: string, id: string): Promise<T | undefined>;
  delete(kind: Kind, accountId: string, region: string, id: string): Promise<void>;
  /** Deletes the rows whose id lies in [from, to), compared bytewise in both dialects. */
  deleteRange(kind: Kind, accountId: string, region: string, from: string, to: string): Promise<void>;
  /** Every row the world keeps in memory (all kinds but client tokens), in key order. */
  all(): Promise<WorldRow[]>;
  /** Removes every resource row (reset); meta is kept. */
  clear(): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** Custom workflow executions and their steps (WorkflowRunStore of store/ports.ts). */
export interface AsyncWorkflowRunStore {
  /** The execution and its steps, in one transaction (joins the caller's). Fails with
   *  StoreConflict, writing nothing, when the execution or a step id is taken. */
  insertExecution(e: ExecutionRecord, steps: WorkflowStepRecord[]): Promise<void>;
  updateExecution(e: ExecutionRecord): Promise<void>;
  getExecution<S>(scope: Scope, executionId: string): Promise<ExecutionRecord<S> | undefined>;
  /** An image's executions in order (seq). */
  executionsOf<S>(scope: Scope, imageArn: string): Promise<ExecutionRecord<S>[]>;
  /** Executions of every scope not yet ended, in seq order. */
  unfinished<S>(): Promise<ExecutionRecord<S>[]>;
  updateStep(st: WorkflowStepRecord): Promise<void>;
  getStep(scope: Scope, stepExecutionId: string): Promise<WorkflowStepRecord | undefined>;
  /** An execution's steps in order (idx). */
  steps(scope: Scope, executionId: string): Promise<WorkflowStepRecord[]>;
  /** The caller's steps waiting for an action, oldest first. */
  waiting(scope: Scope): Promise<WorkflowStepRecord[]>;
  /** Waiting steps of every scope that can time out, soonest first. */
  allWaitingWithDeadline(): Promise<WorkflowStepRecord[]>;
  /** Whether an execution of `workflowArn` has not ended. */
  unfinishedOf(scope: Scope, workflowArn: string): Promise<boolean>;
  /** Whether an execution of the image has not ended. */
  hasUnfinished(scope: Scope, imageArn: string): Promise<boolean>;
  /** The step that started distribution run `runId`. */
  stepOfRun(scope: Scope, runId: string): Promise<WorkflowStepRecord | undefined>;
}

/** Lifecycle policies, executions, their resources, and resource policies (LifecycleStore of store/ports.ts). */
export interface AsyncLifecycleStore {
  getPolicy(scope: Scope, arn: string): Promise<StoredLifecyclePolicy | undefined>;
  /** Inserts or replaces the policy's body (its name is kept from the first write). */
  putPolicy(scope: Scope, p: StoredLifecyclePolicy): Promise<void>;
  deletePolicy(scope: Scope, arn: string): Promise<boolean>;
  /** A scope's policies by ARN. */
  listPolicies(scope: Scope): Promise<StoredLifecyclePolicy[]>;
  /** Every policy of every scope (the scheduler's view). */
  allPolicies(): Promise<{ scope: Scope; policy: StoredLifecyclePolicy }[]>;
  getExecution(scope: Scope, id: string): Promise<StoredExecution | undefined>;
  /** Inserts or updates status and body (resource and start time are kept from the first write). */
  putExecution(scope: Scope, e: StoredExecution): Promise<void>;
  /** Executions found by policy (or image) ARN, newest first. */
  executionsOf(scope: Scope, resourceArn: string): Promise<StoredExecution[]>;
  /** Executions of every scope not yet finished, oldest first. */
  unfinished(): Promise<{ scope: Scope; execution: StoredExecution }[]>;
  /** Fails with StoreConflict when the execution has a row of that seq. */
  insertResource(scope: Scope, executionId: string, row: ResourceRow): Promise<void>;
  putResource(scope: Scope, executionId: string, row: ResourceRow): Promise<void>;
  /** Rows of an execution by seq; only the outputs of one image when `parentId` is given ('' for images). */
  resources(scope: Scope, executionId: string, parentId?: string): Promise<ResourceRow[]>;
  getResourcePolicy(scope: Scope, arn: string): Promise<ResourcePolicyRecord | undefined>;
  putResourcePolicy(scope: Scope, arn: string, rec: ResourcePolicyRecord): Promise<void>;
  deleteResourcePolicy(scope: Scope, arn: string): Promise<void>;
  /** ARNs (with their owner) in a Region whose policy names `accountId`. */
  sharedWith(region: string, accountId: string): Promise<{ ownerAccountId: string; arn: string }[]>;
}

/** Rollouts, one JSON document each (RolloutStore of store/ports.ts). */
export interface AsyncRolloutStore {
  /** Inserts or replaces the rollout (scope and creation time are kept from the first write). */
  put(r: Rollout): Promise<void>;
  get(id: string): Promise<Rollout | undefined>;
  /** Every rollout, oldest first. */
  list(): Promise<Rollout[]>;
  /** Rollouts that still advance by themselves (a ring running or a gate open), oldest first. */
  active(): Promise<Rollout[]>;
}

/** Distribution runs and their steps (RunStore of engine/run-ports.ts); `batch` is `Stores.tx`. */
export interface AsyncRunStore {
  /** Writes a run, its jobs, their step-execution ids and all its steps in one transaction (joins
   *  the caller's). Fails with StoreConflict, writing nothing, when the run id or a step key is taken. */
  createRun(run: Omit<RunRecord, 'status' | 'endTime'>, steps: StepRecord[]): Promise<void>;
  getRun(scope: Scope, runId: string): Promise<RunRecord | undefined>;
  /** An image's runs by attempt. */
  runsOfImage(scope: Scope, imageArn: string): Promise<RunRecord[]>;
  unfinishedRuns(): Promise<RunRecord[]>;
  /** A run's steps by step key. */
  steps(scope: Scope, runId: string): Promise<StepRecord[]>;
  /** Claims a pending step; false when another worker (or node) has it or it is no longer pending. */
  claim(scope: Scope, runId: string, key: string, now: string): Promise<boolean>;
  /** Checkpoints a step's terminal state. */
  finish(scope: Scope, runId: string, key: string, status: StepStatus, now: string, output?: unknown, err?: StepError): Promise<void>;
  /** Returns a running step to pending, keeping its partial output, with its retry count and next attempt. */
  release(scope: Scope, runId: string, key: string, next: { retries: number; at: string }, output?: unknown, err?: StepError): Promise<void>;
  /** After a crash: steps left 'running' go back to 'pending'; how many did. */
  recover(scope: Scope, runId: string): Promise<number>;
  jobIds(scope: Scope, runId: string): Promise<Map<string, string>>;
  findStepExecution(scope: Scope, id: string): Promise<{ runId: string; jobKey: string } | undefined>;
  endRun(scope: Scope, runId: string, status: RunStatus, now: string): Promise<void>;
  /** Finished runs (not a custom workflow's) that ended at or before `cutoff`, oldest first. */
  compactable(cutoff: string, limit: number): Promise<CompactCandidate[]>;
  /** Deletes a finished run's step rows and step-execution ids, keeping the run, its jobs and
   *  `kept`, in one transaction; false when the run is running (nothing changes). */
  compact(scope: Scope, runId: string, kept: CompactedRun): Promise<boolean>;
}

/** Reads of runs that cost what they return (RunPages of engine/run-ports.ts). */
export interface AsyncRunPages {
  summary(scope: Scope, runId: string): Promise<RunSummary | undefined>;
  summariesOfImage(scope: Scope, imageArn: string): Promise<RunSummary[]>;
  /** The ids of the image's runs and of ibex's own runs for it (ARN + `#ibex:…`), oldest first. */
  runIdsOfImageFamily(scope: Scope, imageArn: string): Promise<string[]>;
  /** The scope of a run found by its id alone (run ids are UUIDs). */
  scopeOfRun(runId: string): Promise<Scope | undefined>;
  /** Jobs at positions [from, to) of a run's plan. */
  jobs(scope: Scope, runId: string, from: number, to: number): Promise<PlannedJob[]>;
  job(scope: Scope, runId: string, jobKey: string): Promise<PlannedJob | undefined>;
  /** The steps of the given jobs, by step key. */
  stepsOfJobs(scope: Scope, runId: string, jobKeys: string[]): Promise<StepRecord[]>;
  jobIds(scope: Scope, runId: string, jobKeys: string[]): Promise<Map<string, string>>;
  /** Per-job step tallies by job key (jobs without steps are absent). */
  tallies(scope: Scope, runId: string): Promise<JobTally[]>;
}

/** The stores one transaction sees. */
export interface TxStores {
  distributionConfigurations: AsyncDistributionConfigurationStore;
  tags: AsyncTagStore;
  idempotency: AsyncIdempotencyStore;
  buildResources: AsyncBuildResourceStore;
  builds: AsyncBuildStore;
  pipelineState: AsyncPipelineStateStore;
  meta: AsyncMetaStore;
  images: AsyncImageStore;
  worldRows: AsyncWorldRows;
  workflowRuns: AsyncWorkflowRunStore;
  lifecycle: AsyncLifecycleStore;
  rollouts: AsyncRolloutStore;
  runs: AsyncRunStore;
  runPages: AsyncRunPages;
}

/** The stores, and one transaction helper: everything `fn` writes commits together or not at all. */
export interface Stores extends TxStores {
  tx<T>(fn: (stores: TxStores) => Promise<T>): Promise<T>;
  /** Which database is behind them. */
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** A write that lost to another (duplicate key): the caller decides (retry, or the existing record). */
export class StoreConflict extends Error {
  constructor(readonly table: string) {
    super(`conflicting write to ${table}`);
    this.name = 'StoreConflict';
  }
}
