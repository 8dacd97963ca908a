// GetLifecycleExecution: one lifecycle execution's state and summary.
import type { Handler } from './handler.js';
import { loadExecution } from './lifecycle-executions.js';

export const GetLifecycleExecution: Handler<'GetLifecycleExecution'> = async (input, ctx) => ({
  lifecycleExecution: loadExecution(ctx, input.lifecycleExecutionId).execution,
});
