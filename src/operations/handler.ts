// What every operation handler receives: the caller's scope, the request id, the services
// (stores and helpers) and the clock. No HTTP object reaches a handler.
import type { Scope } from '../domain/scope.js';
import type { OperationName } from '../model/generated/operations.js';
import type { OperationTypes } from '../model/generated/types.js';
import type { CoreServices } from '../app/services.js';
import type { BuildServices } from '../pipelines/services.js';
import type { WorkflowServices } from '../workflows/services.js';

/** Everything a handler can reach: the core services (app/services.ts) plus pipelines and
 *  custom workflows, which themselves take only the core part and what they name. */
export interface Services extends CoreServices {
  /** Recipes, components, infrastructure, pipelines, simulated builds and the scheduler. */
  build: BuildServices;
  /** Custom workflow executions: their store and the engine that runs them. */
  workflows: WorkflowServices;
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
