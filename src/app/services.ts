// The services below the request handlers: stores, the cloud, the distribution engine,
// lifecycle and resource policies. Handlers get more (operations/handler.ts adds the pipeline
// and workflow services on top); the shared request helpers here and the pipelines, workflows and
// beyond-AWS modules take only this part, so none of them depends on the handlers' folder.
import type { Scope } from '../domain/scope.js';
import type { PaginationTokens } from '../domain/pagination.js';
import type { CloudPorts } from '../cloud/ports.js';
import type { DistributionService } from '../engine/distribution.js';
import type { DistributionConfigurationStore, IdempotencyStore, ImageStore, TagStore, Transaction } from '../store/ports.js';
import type { RunPages, RunStore } from '../engine/run-ports.js';
import type { LifecycleService } from '../lifecycle/service.js';

/** Service quotas; absent means unlimited (AWS's own values are not documented). */
export interface Limits {
  /** Distribution configurations per account and Region. */
  distributionConfigurationsPerRegion?: number;
}

/** Stores and helpers shared by every request-level module. */
export interface CoreServices {
  /** Runs `fn` as one transaction: every store write in it lands together or not at all (a
   *  nested call joins the outer one). */
  tx: Transaction;
  limits: Limits;
  distributionConfigurations: DistributionConfigurationStore;
  tags: TagStore;
  idempotency: IdempotencyStore;
  pagination: PaginationTokens;
  images: ImageStore;
  runs: RunStore;
  /** Reads of runs that cost what they return (the workflow lists). */
  runPages: RunPages;
  /** The cloud the engine distributes into (the simulated world, or AWS). */
  cloud: CloudPorts;
  distribution: DistributionService;
  /** The Regions a distribution may target (the simulated world's); any valid code when absent. */
  regions?: () => readonly string[];
  /** Lifecycle policies, their executions and resource policies. */
  lifecycle: LifecycleService;
}

/** What a shared helper needs of a request: whose it is and the core services. A handler's
 *  `CoreCtx` is one. */
export interface CoreCtx {
  scope: Scope;
  services: CoreServices;
}
