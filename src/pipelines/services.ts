// Wires the build side of ibex: the stores of build inputs, builds and pipeline state, the
// Builder (simulated builds) and the Scheduler (pipeline schedules), over the stores and cloud
// the composition root (server/services.ts) hands it.
import type { CloudPorts } from '../cloud/ports.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { CoreServices } from '../app/services.js';
import type { WorkflowServices } from '../workflows/services.js';
import { Scheduler } from './scheduler.js';
import type { BuildResourceStore, BuildStore, PipelineStateStore } from '../store/ports.js';
import { Builder, type BuildProgress, type BuildSpec } from './builder.js';
import { pipelineImageSettled } from './pipelines.js';

/** What the build operations and the scheduler share. */
export interface BuildServices {
  resources: BuildResourceStore;
  builds: BuildStore;
  pipelineState: PipelineStateStore;
  builder: Builder;
  scheduler: Scheduler;
  /** The scheduler's clock (injected in tests): pipelines' dateNextRun is computed from it. */
  clock: Clock;
  /** Called by the engine when an image settles: container outputs and pipeline bookkeeping. */
  imageSettled(scope: Scope, image: Image & { arn: string }): void;
}

export interface BuildOptions {
  stores: { resources: BuildResourceStore; builds: BuildStore; pipelineState: PipelineStateStore };
  cloud: CloudPorts;
  services: () => PipelineServices;
  timings: () => { buildMs: number; testMs: number };
  clock?: Clock;
  schedulerIntervalMs?: number;
  buildPollMs?: number;
  onError?: (e: unknown) => void;
  /** The world's time for build dates (lifecycle ages); the system clock when absent. */
  now?: () => number;
}

/** What the pipeline modules take: the core services plus their own and the workflows'. */
export interface PipelineServices extends CoreServices {
  build: BuildServices;
  workflows: WorkflowServices;
}

/** Creates the build services (not started: see `startBuildServices`). */
export function createBuildServices(o: BuildOptions): BuildServices {
  const { builds } = o.stores;
  const clock = o.clock ?? systemClock;
  const settled = (scope: Scope, image: Image & { arn: string }): void => {
    const s = o.services();
    let img = image;
    // The engine's outputs list only distributed Regions; a container build also keeps the image it
    // pushed to the recipe's repository in the build Region.
    const row = builds.get<BuildSpec, BuildProgress>(scope, image.arn);
    if (row?.spec.kind === 'DOCKER' && row.progress.imageUris?.length && !img.outputResources?.containers?.some((c) => c.region === scope.region)) {
      img = {
        ...img,
        outputResources: {
          ...img.outputResources,
          containers: [{ region: scope.region, imageUris: row.progress.imageUris }, ...(img.outputResources?.containers ?? [])],
        },
      };
      s.images.put(scope, img);
    }
    pipelineImageSettled(s, scope, img);
  };
  const builder = new Builder({
    services: o.services,
    builds,
    cloud: o.cloud,
    distribution: () => o.services().distribution,
    workflows: () => o.services().workflows.engine,
    timings: o.timings,
    ...(o.now ? { now: o.now } : {}),
    ...(o.buildPollMs !== undefined ? { pollMs: o.buildPollMs } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
    onSettled: settled,
  });
  return {
    resources: o.stores.resources,
    builds,
    pipelineState: o.stores.pipelineState,
    builder,
    scheduler: new Scheduler({
      services: o.services,
      clock,
      ...(o.schedulerIntervalMs !== undefined ? { intervalMs: o.schedulerIntervalMs } : {}),
      ...(o.onError ? { onError: o.onError } : {}),
    }),
    clock,
    imageSettled: settled,
  };
}
