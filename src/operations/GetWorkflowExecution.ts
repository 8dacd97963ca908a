// GetWorkflowExecution: one workflow execution — a distribution attempt, or the BUILD or TEST
// workflow of a built image — with its step totals (a compacted run keeps its totals).
import { findBuildWorkflow } from '../pipelines/workflow-view.js';
import { workflowExecutionOf } from '../engine/workflow-view.js';
import type { Handler } from './handler.js';
import { loadRunSummary, runJobCounts } from './workflow-executions.js';
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
  // The run's summary and its job counts aggregated in SQLite: no step is read into JavaScript.
  const run = loadRunSummary(ctx, input.workflowExecutionId);
  return { requestId: ctx.requestId, imageBuildVersionArn: run.imageArn, ...workflowExecutionOf({ ...run, region: ctx.scope.region }, runJobCounts(ctx, run)) };
};
