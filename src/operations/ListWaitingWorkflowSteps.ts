// ListWaitingWorkflowSteps: the caller's workflow steps paused at a WaitForAction (account-wide
// in the Region), oldest first; a step leaves the list once it is resumed, stopped or timed out.
import type { WorkflowStepExecution } from '../model/generated/types.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import type { Handler } from './handler.js';
import { page } from './workflow-executions.js';

export const ListWaitingWorkflowSteps: Handler<'ListWaitingWorkflowSteps'> = async (input, ctx) => {
  const { store } = ctx.services.workflows;
  const items: WorkflowStepExecution[] = store.waiting(ctx.scope).flatMap((st) => {
    const exec = store.getExecution<ExecutionSpec>(ctx.scope, st.executionId);
    if (!exec) return [];
    return [
      {
        stepExecutionId: st.stepExecutionId,
        imageBuildVersionArn: exec.imageArn,
        workflowExecutionId: exec.executionId,
        workflowBuildVersionArn: exec.workflowArn,
        name: st.name,
        action: st.action,
        ...(st.startTime ? { startTime: st.startTime } : {}),
      },
    ];
  });
  const p = page(ctx, items, { op: 'ListWaitingWorkflowSteps' }, input.maxResults, input.nextToken);
  return { steps: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
