// GetWorkflowExecution: one workflow execution (a distribution attempt) with its step totals.
import { workflowExecution } from '../engine/workflow-view.js';
import type { Handler } from './context.js';
import { loadRun } from './workflow-executions.js';

export const GetWorkflowExecution: Handler<'GetWorkflowExecution'> = async (input, ctx) => {
  const { run, steps } = loadRun(ctx, input.workflowExecutionId);
  return { requestId: ctx.requestId, imageBuildVersionArn: run.imageArn, ...workflowExecution(run, steps) };
};
