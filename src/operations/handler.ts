// What every operation handler receives: the caller's scope, the request id, the services
// (stores and helpers) and the clock. No HTTP object reaches a handler.
import type { Scope } from '../domain/scope.js';
import type { PaginationTokens } from '../domain/pagination.js';
import type { OperationName } from '../model/generated/operations.js';
import type { OperationTypes } from '../model/generated/types.js';
import type { Db } from '../store/sqlite/db.js';
import type { CloudPorts } from '../cloud/ports.js';
import type { DistributionService } from '../engine/distribution.js';
import type { DistributionConfigurationStore, IdempotencyStore, TagStore } from '../store/ports.js';
import type { ImageStore } from '../store/sqlite/images.js';
import type { RunStore } from '../store/sqlite/runs.js';
import type { BuildServices } from '../pipelines/services.js';
import type { WorkflowRunStore } from '../store/sqlite/workflow-runs.js';
import type { WorkflowEngine } from '../workflows/engine.js';
import type { LifecycleService } from '../lifecycle/service.js';

/** Stores and helpers shared by all handlers. */
/** Service quotas; absent means unlimited (AWS's own values are not documented). */
export interface Limits {
  /** Distribution configurations per account and Region. */
  distributionConfigurationsPerRegion?: number;
}

export interface Services {
  db: Db;
  limits: Limits;
  distributionConfigurations: DistributionConfigurationStore;
  tags: TagStore;
  idempotency: IdempotencyStore;
  pagination: PaginationTokens;
  images: ImageStore;
  runs: RunStore;
  /** The cloud the engine distributes into (the simulated world, or AWS). */
  cloud: CloudPorts;
  distribution: DistributionService;
  /** Recipes, components, infrastructure, pipelines, simulated builds and the scheduler. */
  build: BuildServices;
  /** Custom workflow executions: their store and the engine that runs them. */
  workflows: { store: WorkflowRunStore; engine: WorkflowEngine };
  /** The Regions a distribution may target (the simulated world's); any valid code when absent. */
  regions?: () => readonly string[];
  /** Lifecycle policies, their executions and resource policies. */
  lifecycle: LifecycleService;
}

/** Per-request context. */
export interface Ctx {
  scope: Scope;
  requestId: string;
  services: Services;
  now: () => Date;
  /** Set while a request with a client token runs: writes the token's record with `response`.
   *  A handler that creates something calls it inside the transaction that creates it, so that
   *  the thing and its token record exist together or not at all (idempotency.ts). */
  commitToken?: (response: unknown) => void;
}

/** A handler: plain async function from the operation's input to its output. */
export type Handler<K extends OperationName> = (input: OperationTypes[K]['input'], ctx: Ctx) => Promise<OperationTypes[K]['output']>;
