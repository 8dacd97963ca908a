// CancelLifecycleExecution: stops a running execution after the resource in hand (CANCELLING,
// then CANCELLED; nothing is rolled back). A finished execution answers ResourceInUseException.
import { ResourceInUseException } from '../model/generated/errors.js';
import type { Handler } from './handler.js';
import { loadExecution } from './lifecycle-executions.js';

export const CancelLifecycleExecution: Handler<'CancelLifecycleExecution'> = async (input, ctx) => {
  const e = loadExecution(ctx, input.lifecycleExecutionId);
  const status = e.execution.state?.status;
  if (status !== 'IN_PROGRESS' && status !== 'PENDING' && status !== 'CANCELLING') {
    throw new ResourceInUseException(`The lifecycle execution '${input.lifecycleExecutionId}' is ${status} and cannot be cancelled.`);
  }
  ctx.services.lifecycle.runner.cancel(ctx.scope, input.lifecycleExecutionId);
  return { lifecycleExecutionId: input.lifecycleExecutionId };
};
