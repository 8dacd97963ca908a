// ListWorkflowStepExecutions: the steps of a distribution workflow execution, one per job, with
// status, times, inputs and outputs (`distributedImages` for AMI jobs); a BUILD or TEST execution
// has one step.
import { distributionWorkflowArn, workflowStep } from '../engine/workflow-view.js';
import { findBuildWorkflow } from '../build/workflow-view.js';
import type { Handler } from './context.js';
import { loadRun, page, stepViews } from './workflow-executions.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import { stepMetadata } from '../workflows/view.js';

export const ListWorkflowStepExecutions: Handler<'ListWorkflowStepExecutions'> = async (input, ctx) => {
  const build = findBuildWorkflow(ctx.services.build.builds, ctx.scope, input.workflowExecutionId);
  if (build) {
    return {
      requestId: ctx.requestId,
      workflowBuildVersionArn: build.exec.workflowBuildVersionArn!,
      workflowExecutionId: input.workflowExecutionId,
      imageBuildVersionArn: build.imageArn,
      steps: [build.step],
    };
  }
  const { store } = ctx.services.workflows;
  const exec = store.getExecution<ExecutionSpec>(ctx.scope, input.workflowExecutionId);
  if (exec) {
    const items = store.steps(ctx.scope, exec.executionId).map((st) => {
      const { onFailure: _o, timeoutSeconds: _t, ...meta } = stepMetadata(exec, st);
      return meta;
    });
    const pg = page(ctx, items, { wf: input.workflowExecutionId }, input.maxResults, input.nextToken);
    return {
      requestId: ctx.requestId,
      workflowBuildVersionArn: exec.workflowArn,
      workflowExecutionId: exec.executionId,
      imageBuildVersionArn: exec.imageArn,
      steps: pg.items,
      ...(pg.nextToken ? { nextToken: pg.nextToken } : {}),
    };
  }
  const { run, steps } = loadRun(ctx, input.workflowExecutionId);
  const all = stepViews(ctx, run, steps).map(({ view, id }) => {
    const { onFailure: _o, timeoutSeconds: _t, ...meta } = workflowStep(view, id);
    return meta;
  });
  const p = page(ctx, all, { wf: input.workflowExecutionId }, input.maxResults, input.nextToken);
  return {
    requestId: ctx.requestId,
    workflowBuildVersionArn: distributionWorkflowArn(run.scope.region),
    workflowExecutionId: input.workflowExecutionId,
    imageBuildVersionArn: run.imageArn,
    steps: p.items,
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};
