// The records of the build-side stores, shared by their ports (store/async-ports.ts) and every
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
