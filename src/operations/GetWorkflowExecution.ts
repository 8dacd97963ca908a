// GetWorkflowExecution: one workflow execution — a distribution attempt, or the BUILD or TEST
// workflow of a built image — with its step totals.
import { findBuildWorkflow } from '../pipelines/workflow-view.js';
import { workflowExecution } from '../engine/workflow-view.js';
import type { Handler } from './context.js';
import { loadRun } from './workflow-executions.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import { executionMetadata } from '../workflows/view.js';

export const GetWorkflowExecution: Handler<'GetWorkflowExecution'> = async (input, ctx) => {
  const build = findBuildWorkflow(ctx.services.build.builds, ctx.scope, input.workflowExecutionId);
  if (build) return { requestId: ctx.requestId, imageBuildVersionArn: build.imageArn, ...build.exec };
  const { store } = ctx.services.workflows;
  const exec = store.getExecution<ExecutionSpec>(ctx.scope, input.workflowExecutionId);
  if (exec) {
    const { retried: _r, ...meta } = executionMetadata(exec, store.steps(ctx.scope, exec.executionId));
    return { requestId: ctx.requestId, imageBuildVersionArn: exec.imageArn, ...meta };
  }
  const { run, steps } = loadRun(ctx, input.workflowExecutionId);
  return { requestId: ctx.requestId, imageBuildVersionArn: run.imageArn, ...workflowExecution(run, steps) };
};
