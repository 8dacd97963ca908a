// Helpers shared by the lifecycle-execution operations: loading the caller's execution by id.
import { ResourceNotFoundException } from '../model/generated/errors.js';
import type { StoredExecution } from '../store/records.js';
import type { Ctx } from './handler.js';

export function loadExecution(ctx: Ctx, id: string): StoredExecution {
  const e = ctx.services.lifecycle.store.getExecution(ctx.scope, id);
  if (!e) throw new ResourceNotFoundException(`The lifecycle execution '${id}' does not exist.`);
  return e;
}
