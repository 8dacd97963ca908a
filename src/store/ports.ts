// Persistence ports of the API: what operations need from storage, scope first.
// The SQLite implementations live in store/sqlite/.
import type { Scope } from '../domain/scope.js';
import type { Distribution, Image } from '../model/generated/types.js';
import type {
  BuildPhase,
  BuildResourceRecord,
  BuildResourceType,
  BuildRow,
  PipelineStateRow,
  ExecutionRecord,
  ResourcePolicyRecord,
  ResourceRow,
  Rollout,
  StoredExecution,
  StoredLifecyclePolicy,
  WorkflowStepRecord,
} from './records.js';

/** A stored distribution configuration (tags live in the TagStore). */
export interface DistributionConfigurationRecord {
  id: string;
  arn: string;
  name: string;
  description?: string;
  distributions: Distribution[];
  dateCreated: string;
  dateUpdated?: string;
}

/** Distribution configurations, keyed by (account, Region, id). */
export interface DistributionConfigurationStore {
  get(scope: Scope, id: string): DistributionConfigurationRecord | undefined;
  insert(scope: Scope, rec: DistributionConfigurationRecord): void;
  /** Replaces description and distributions; returns false when the id is unknown. */
  update(scope: Scope, id: string, change: { description?: string; distributions: Distribution[]; dateUpdated: string }): boolean;
  delete(scope: Scope, id: string): boolean;
  /** How many configurations the account has in the Region (for the quota). */
  count(scope: Scope): number;
  /** Records ordered by id after `afterId`, optionally only those whose name is in `names`. */
  list(scope: Scope, q: { names?: string[]; afterId?: string; limit: number }): DistributionConfigurationRecord[];
}

/** Tags of any Image Builder resource, keyed by (account, Region, ARN). */
export interface TagStore {
  get(scope: Scope, arn: string): Record<string, string>;
  /** Tags of several resources at once (list pages): every ARN asked for, `{}` when it has none. */
  getMany(scope: Scope, arns: string[]): Map<string, Record<string, string>>;
  set(scope: Scope, arn: string, tags: Record<string, string>): void;
  delete(scope: Scope, arn: string): void;
  /** Every tagged resource of one Image Builder type (`distribution-configuration`, …) in every
   *  scope, ordered by account, Region and ARN. */
  ofResourceType(type: string): { scope: Scope; arn: string; tags: Record<string, string> }[];
}

/** A remembered response to a clientToken. */
export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

/** clientToken records, keyed by (account, Region, operation, token). */
export interface IdempotencyStore {
  get(scope: Scope, operation: string, token: string): IdempotencyRecord | undefined;
  put(scope: Scope, operation: string, token: string, rec: IdempotencyRecord): void;
}

/** Images keyed by (account, Region, build-version ARN). */
export interface ImageStore {
  get(scope: Scope, arn: string): Image | undefined;
  /** Inserts a new build (`version` may carry `/<build>`); the caller picks the build number with
   *  `nextBuildNumber` in the same transaction. */
  insert(scope: Scope, image: Image & { arn: string; name: string; version: string }, buildNumber: number): void;
  /** Replaces the stored image. */
  put(scope: Scope, image: Image & { arn: string }): void;
  delete(scope: Scope, arn: string): boolean;
  nextBuildNumber(scope: Scope, name: string, version: string): number;
  /** Builds of one name and semantic version, newest first. */
  builds(scope: Scope, name: string, version: string): Image[];
  /** Every build of one name (any version). */
  buildsByName(scope: Scope, name: string): Image[];
  /** Every image, in every scope, still in a non-terminal state (start-up recovery). */
  active(): { scope: Scope; image: Image & { arn: string } }[];
  /** Every image of one scope (lifecycle selection: the runner and its preview). */
  inScope(scope: Scope): (Image & { arn: string })[];
  /** The images of one scope, newest first (by creation, then build number), optionally only
   *  those in one status. */
  newestFirst(scope: Scope, q?: { status?: string }): (Image & { arn: string })[];
}

/** Durable simulated builds: one row per image build, its phase and when it moves on. */
export interface BuildStore {
  insert(row: BuildRow): void;
  update(scope: Scope, imageArn: string, phase: BuildPhase, dueAt: number, progress: unknown): void;
  get<S, P>(scope: Scope, imageArn: string): BuildRow<S, P> | undefined;
  /** The build a workflow execution id belongs to. */
  findByWorkflowId<S, P>(scope: Scope, workflowExecutionId: string): BuildRow<S, P> | undefined;
  /** Builds due at or before `now`, at most `limit`. */
  due<S, P>(now: number, limit: number): BuildRow<S, P>[];
}

/** Recipes, components, infrastructure configurations, image pipelines and workflows: the wire
 *  record keyed by ARN (scope first), listed by type. */
export interface BuildResourceStore {
  get<T>(scope: Scope, arn: string): BuildResourceRecord<T> | undefined;
  /** Fails when the ARN exists. */
  insert(scope: Scope, type: BuildResourceType, rec: BuildResourceRecord<unknown>): void;
  /** Replaces the body; false when the ARN is unknown. */
  put(scope: Scope, arn: string, body: unknown): boolean;
  delete(scope: Scope, arn: string): boolean;
  /** Every record of a type, ordered by id, version and build. */
  list<T>(scope: Scope, type: BuildResourceType): BuildResourceRecord<T>[];
  /** Every version (and build) of one id. */
  versionsOf<T>(scope: Scope, type: BuildResourceType, id: string): BuildResourceRecord<T>[];
  /** Every image pipeline of every scope (the scheduler's view). */
  allPipelines(): { scope: Scope; rec: BuildResourceRecord }[];
}

/** The scheduler's per-pipeline state (what it processed, the last build's fingerprint, failures). */
export interface PipelineStateStore {
  get(scope: Scope, arn: string): PipelineStateRow | undefined;
  put(scope: Scope, arn: string, s: PipelineStateRow): void;
  delete(scope: Scope, arn: string): void;
}

/** Custom workflow executions and their steps; every transition is one write, so a restart finds
 *  each execution where it stopped. */
export interface WorkflowRunStore {
  insertExecution(e: ExecutionRecord, steps: WorkflowStepRecord[]): void;
  updateExecution(e: ExecutionRecord): void;
  getExecution<S>(scope: Scope, executionId: string): ExecutionRecord<S> | undefined;
  executionsOf<S>(scope: Scope, imageArn: string): ExecutionRecord<S>[];
  /** Executions of every scope that have not ended (resumed at start-up). */
  unfinished<S>(): ExecutionRecord<S>[];
  updateStep(st: WorkflowStepRecord): void;
  getStep(scope: Scope, stepExecutionId: string): WorkflowStepRecord | undefined;
  steps(scope: Scope, executionId: string): WorkflowStepRecord[];
  /** The caller's steps waiting for an action, oldest first. */
  waiting(scope: Scope): WorkflowStepRecord[];
  /** Waiting steps of every scope that can time out, soonest first. */
  allWaitingWithDeadline(): WorkflowStepRecord[];
  /** Whether an execution of `workflowArn` (a build ARN) has not ended. */
  unfinishedOf(scope: Scope, workflowArn: string): boolean;
  /** Whether an execution of the image has not ended (the workflow engine owns its state). */
  hasUnfinished(scope: Scope, imageArn: string): boolean;
  /** The step that started distribution run `runId`. */
  stepOfRun(scope: Scope, runId: string): WorkflowStepRecord | undefined;
}

/** Lifecycle policies, their executions and the resources each acts on; resource policies. */
export interface LifecycleStore {
  getPolicy(scope: Scope, arn: string): StoredLifecyclePolicy | undefined;
  putPolicy(scope: Scope, p: StoredLifecyclePolicy): void;
  deletePolicy(scope: Scope, arn: string): boolean;
  listPolicies(scope: Scope): StoredLifecyclePolicy[];
  /** Every policy of every scope (the scheduler's view). */
  allPolicies(): { scope: Scope; policy: StoredLifecyclePolicy }[];
  getExecution(scope: Scope, id: string): StoredExecution | undefined;
  putExecution(scope: Scope, e: StoredExecution): void;
  /** Executions found by policy (or image) ARN, newest first. */
  executionsOf(scope: Scope, resourceArn: string): StoredExecution[];
  /** Executions not yet finished, in every scope (resumed at start-up). */
  unfinished(): { scope: Scope; execution: StoredExecution }[];
  insertResource(scope: Scope, executionId: string, row: ResourceRow): void;
  putResource(scope: Scope, executionId: string, row: ResourceRow): void;
  /** Rows of an execution, in order; `parentId` '' for images, an image ARN for its outputs. */
  resources(scope: Scope, executionId: string, parentId?: string): ResourceRow[];
  getResourcePolicy(scope: Scope, arn: string): ResourcePolicyRecord | undefined;
  putResourcePolicy(scope: Scope, arn: string, rec: ResourcePolicyRecord): void;
  deleteResourcePolicy(scope: Scope, arn: string): void;
  /** ARNs (with their owner) in a Region whose policy names `accountId`. */
  sharedWith(region: string, accountId: string): { ownerAccountId: string; arn: string }[];
}

/** Where rollouts are kept. */
export interface RolloutStore {
  /** Inserts or replaces the rollout. */
  put(r: Rollout): void;
  get(id: string): Rollout | undefined;
  /** Every rollout, oldest first. */
  list(): Rollout[];
  /** Rollouts that still advance by themselves (a ring running or a gate open). */
  active(): Rollout[];
}

/** Service-wide values by key (the pagination secret, the world clock's offset). */
export interface MetaStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Runs `fn` in one transaction over every store: its writes land together or not at all; a
 *  nested call joins the outer transaction. The one way code outside `store/` groups writes. */
export type Transaction = <T>(fn: () => T) => T;
