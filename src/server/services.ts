// Wires the stores, the engine and helpers that handlers use over one open database and cloud.
import type { CloudPorts } from '../cloud/ports.js';
import { PaginationTokens } from '../domain/pagination.js';
import { DistributionService } from '../engine/distribution.js';
import type { RunnerOptions } from '../engine/runner.js';
import type { Services } from '../operations/handler.js';
import type { Limits } from '../app/services.js';
import { sqliteTransaction, type Db } from '../store/sqlite/db.js';
import { SqliteLifecycleStore } from '../store/sqlite/lifecycle.js';
import { sqliteDistributionConfigurationStore } from '../store/sqlite/distribution-configurations.js';
import { sqliteIdempotencyStore } from '../store/sqlite/idempotency.js';
import { sqliteImageStore } from '../store/sqlite/images.js';
import { SqliteRunStore } from '../store/sqlite/runs.js';
import { runPages } from '../store/sqlite/run-pages.js';
import { paginationSecret } from '../store/sqlite/meta.js';
import { sqliteTagStore } from '../store/sqlite/tags.js';
import { createBuildServices } from '../pipelines/services.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { LifecycleService } from '../lifecycle/service.js';
import { SqliteWorkflowRunStore } from '../store/sqlite/workflow-runs.js';
import { SqliteBuildResourceStore } from '../store/sqlite/build-resources.js';
import { SqliteBuildStore } from '../store/sqlite/builds.js';
import { SqlitePipelineStateStore } from '../store/sqlite/pipeline-state.js';
import { WorkflowEngine } from '../workflows/engine.js';

export interface ServiceOptions {
  cloud: CloudPorts;
  runner?: Partial<RunnerOptions>;
  /** Finished runs' step rows are compacted this long after they ended (kept when absent). */
  stepRetentionMs?: number;
  onError?: (e: unknown) => void;
  /** Simulated build timings (the world's buildMs/testMs). */
  buildTimings?: () => { buildMs: number; testMs: number };
  /** The scheduler's clock (tests inject a ManualClock). */
  clock?: Clock;
  schedulerIntervalMs?: number;
  buildPollMs?: number;
  limits?: Limits;
  /** The world's clock (lifecycle ages and schedules); the system clock when absent. */
  worldClock?: Clock;
}

/** Creates the services over `db`, distributing into `cloud`. */
export function createServices(db: Db, opts: ServiceOptions): Services {
  const images = sqliteImageStore(db);
  const runs = new SqliteRunStore(db);
  const pages = runPages(db);
  const distribution = new DistributionService({
    images,
    runs,
    cloud: opts.cloud,
    now: () => new Date(),
    ...(opts.runner ? { runner: opts.runner } : {}),
    ...(opts.stepRetentionMs !== undefined ? { stepRetentionMs: opts.stepRetentionMs, pages } : {}),
    ...(opts.onError ? { onError: opts.onError } : {}),
    onImageSettled: (scope, image) => services.build.imageSettled(scope, image as typeof image & { arn: string }),
    onWorkflowRunEnd: (run, status, steps) => services.workflows.engine.runEnded(run, status, steps),
  });
  const tx = sqliteTransaction(db);
  const workflowStore = new SqliteWorkflowRunStore(db);
  const engine = new WorkflowEngine({
    tx,
    store: workflowStore,
    images,
    runs,
    distribution: () => services.distribution,
    onImageSettled: (scope, image) => services.build.imageSettled(scope, image),
    onStageEnded: (scope, imageArn, type, outcome) => services.build.builder.workflowStageEnded(scope, imageArn, type, outcome),
    ...(opts.onError ? { onError: opts.onError } : {}),
    // The builds' clock: a wait's deadline moves with the world clock (POST /_ibex/clock).
    ...(opts.worldClock ? { now: () => opts.worldClock!.now() } : {}),
  });
  const tags = sqliteTagStore(db);
  const services: Services = {
    tx,
    limits: opts.limits ?? {},
    distributionConfigurations: sqliteDistributionConfigurationStore(db),
    tags,
    idempotency: sqliteIdempotencyStore(db),
    pagination: new PaginationTokens(paginationSecret(db)),
    images,
    runPages: pages,
    runs,
    cloud: opts.cloud,
    distribution,
    build: createBuildServices({
      stores: { resources: new SqliteBuildResourceStore(db), builds: new SqliteBuildStore(db), pipelineState: new SqlitePipelineStateStore(db) },
      cloud: opts.cloud,
      services: () => services,
      timings: opts.buildTimings ?? (() => ({ buildMs: 0, testMs: 0 })),
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.schedulerIntervalMs !== undefined ? { schedulerIntervalMs: opts.schedulerIntervalMs } : {}),
      ...(opts.buildPollMs !== undefined ? { buildPollMs: opts.buildPollMs } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
      ...(opts.worldClock ? { now: () => opts.worldClock!.now() } : {}),
    }),
    workflows: { store: workflowStore, engine },
    lifecycle: new LifecycleService({
      tx,
      store: new SqliteLifecycleStore(db),
      images,
      tags,
      cloud: opts.cloud,
      clock: opts.worldClock ?? systemClock,
      ...(opts.onError ? { onError: opts.onError } : {}),
    }),
  };
  return services;
}
