// The records of the build-side and rollout stores, shared by their ports (store/async-ports.ts) and every
// dialect's adapters (store/sqlite/, store/kysely/): plain data, no database type.
import type { Scope } from '../domain/scope.js';
import type { ResourceKind } from '../domain/arn.js';

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
