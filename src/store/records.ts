// The records of the build-side, workflow, lifecycle and rollout stores, shared by their ports (store/async-ports.ts) and every
// dialect's adapters (store/sqlite/, store/kysely/): plain data, no database type.
import type { Scope } from '../domain/scope.js';
import type { ResourceKind } from '../domain/arn.js';
import type { LifecycleExecution, LifecycleExecutionResource, LifecyclePolicy, LifecyclePolicyDetailExclusionRulesAmis } from '../model/generated/types.js';

/** The resource types this store holds. */
export type BuildResourceType = Extract<
  ResourceKind,
  'image-recipe' | 'container-recipe' | 'component' | 'infrastructure-configuration' | 'image-pipeline' | 'workflow'
>;

/** One stored record: its ARN parts plus the wire body. */
export interface BuildResourceRecord<T = Record<string, unknown>> {
  arn: string;
  /** The ARN's id segment. */
  id: string;
  /** `x.y.z` for versioned resources, '' otherwise. */
  version: string;
  /** Components only: the build node. */
  buildNumber: number;
  body: T;
  dateCreated: string;
}

/** Where a simulated build stands. */
export type BuildPhase = 'PENDING' | 'BUILDING' | 'TESTING' | 'HANDOFF' | 'DONE';

/** One durable build. */
export interface BuildRow<S = unknown, P = Record<string, unknown>> {
  scope: Scope;
  imageArn: string;
  phase: BuildPhase;
  dueAt: number;
  spec: S;
  progress: P;
}

/** The scheduler's state of one pipeline. */
export interface PipelineStateRow {
  checkedUntil: number;
  fingerprint?: string;
  consecutiveFailures: number;
}

// Rollouts (issue #15): the whole state of a rollout through ordered rings.

export type RolloutStatus = 'running' | 'soaking' | 'waiting-approval' | 'halted' | 'succeeded' | 'aborted' | 'rolled-back';
export type RingStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'aborted';

/** A ring as requested: which part of the settings' targets it covers, and its gate. */
export interface RingSpec {
  name: string;
  /** Regions of the ring (all of the settings' Regions when absent). */
  regions?: string[];
  /** Accounts of the ring (with `organizationalUnits`; all accounts when both are absent). */
  accounts?: string[];
  /** OU ARNs whose accounts (nested OUs included) belong to the ring. */
  organizationalUnits?: string[];
  /** Gate before this ring starts: wait this long after the previous ring succeeded. */
  soakSeconds?: number;
  /** Gate before this ring starts: wait for POST /_ibex/rollouts/<id>/approve. */
  approval?: boolean;
}

export interface RingState {
  name: string;
  status: RingStatus;
  /** The plan's jobs this ring runs. */
  jobs: string[];
  /** The ring's runs, latest last (a resume adds one). */
  runIds: string[];
  startedAt?: string;
  endedAt?: string;
  /** When the soak gate before this ring opens. */
  soakUntil?: string;
  approvedAt?: string;
  /** The approval gate's WaitForAction step (SendWorkflowStepAction answers it too). */
  gateStepExecutionId?: string;
  /** The reason given with the approval or the rejection of the gate. */
  gateReason?: string;
  /** Failed jobs with their error, when the ring failed. */
  failures?: { jobKey: string; error: string }[];
}

export interface Rollout {
  rolloutId: string;
  scope: Scope;
  distributionConfigurationArn: string;
  imageBuildVersionArn: string;
  rings: RingSpec[];
  ringStates: RingState[];
  status: RolloutStatus;
  /** Index of the ring running, gated or halted. */
  current: number;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

// Custom workflow executions and their steps.
export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'SKIPPED' | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_COMPLETED';
/** A step's rollback: RUNNING until it is undone (the model's WorkflowStepExecutionRollbackStatus). */
export type RollbackStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'SKIPPED';
export type WorkflowStepStatus = 'PENDING' | 'RUNNING' | 'WAITING' | 'COMPLETED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

/** A stored workflow execution. `S` is the engine's snapshot of the workflow it runs. */
export interface ExecutionRecord<S = unknown> {
  scope: Scope;
  executionId: string;
  imageArn: string;
  type: 'BUILD' | 'TEST' | 'DISTRIBUTION';
  /** Order among the image's executions. */
  seq: number;
  workflowArn: string;
  status: ExecutionStatus;
  spec: S;
  message?: string;
  startTime?: string;
  endTime?: string;
}

/** A stored step of an execution. */
export interface WorkflowStepRecord {
  scope: Scope;
  stepExecutionId: string;
  executionId: string;
  idx: number;
  name: string;
  action: string;
  status: WorkflowStepStatus;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  message?: string;
  runId?: string;
  /** Epoch ms after which a waiting step times out. */
  deadline?: number;
  startTime?: string;
  endTime?: string;
  /** Set once the step's workflow rolls it back. */
  rollbackStatus?: RollbackStatus;
}

// Lifecycle policies, their executions and resources; resource policies.
/** A stored policy: the wire record (tags live in the TagStore). */
export type StoredLifecyclePolicy = LifecyclePolicy & { arn: string; name: string };

/** What an execution does to one resource, decided when the execution starts. */
export interface PlannedAction {
  /** DEPRECATE, DISABLE, DELETE or AVAILABLE (StartResourceStateUpdate). */
  type: 'DEPRECATE' | 'DISABLE' | 'DELETE' | 'AVAILABLE';
  includeAmis: boolean;
  includeSnapshots: boolean;
  includeContainers: boolean;
  /** DEPRECATED with `updateAt`: the AMIs' deprecation time and when the image flips (epoch s). */
  deprecateAt?: number;
  /** The rule's AMI-level exclusion rules. */
  exclusions?: LifecyclePolicyDetailExclusionRulesAmis;
}

/** One resource row: an image (parentId '') or an output of one (parentId = the image ARN). */
export interface ResourceRow {
  seq: number;
  parentId: string;
  resource: LifecycleExecutionResource & { resourceId: string };
  /** For image rows: what to do. */
  plan?: PlannedAction;
}

/** An execution with what the runner needs beyond the wire form. */
export interface StoredExecution {
  execution: LifecycleExecution & { lifecycleExecutionId: string };
  /** The ARN ListLifecycleExecutions finds it by: the policy, or the image for a manual update. */
  resourceArn: string;
  /** Set by CancelLifecycleExecution. */
  cancelRequested?: boolean;
}

/** A resource policy and the accounts it names. */
export interface ResourcePolicyRecord {
  policy: string;
  principals: string[];
}
