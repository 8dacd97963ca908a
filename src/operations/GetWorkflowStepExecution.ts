// GetWorkflowStepExecution: one job of a distribution, or the step of a BUILD or TEST workflow,
// by its step-execution id.
import { ResourceNotFoundException } from '../model/generated/errors.js';
import { distributionWorkflowArn, jobViews, workflowExecutionId, workflowStep } from '../engine/workflow-view.js';
import { findBuildWorkflow } from '../pipelines/workflow-view.js';
import type { Handler } from './handler.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import { stepMetadata } from '../workflows/view.js';

export const GetWorkflowStepExecution: Handler<'GetWorkflowStepExecution'> = async (input, ctx) => {
  const build = findBuildWorkflow(ctx.services.build.builds, ctx.scope, input.stepExecutionId.replace(/^step-/, 'wf-'));
  if (build) {
    return {
      requestId: ctx.requestId,
      workflowBuildVersionArn: build.exec.workflowBuildVersionArn!,
      workflowExecutionId: build.exec.workflowExecutionId!,
      imageBuildVersionArn: build.imageArn,
      ...build.step,
      onFailure: 'Abort',
      timeoutSeconds: 7200,
    };
  }
  const { store } = ctx.services.workflows;
  const custom = store.getStep(ctx.scope, input.stepExecutionId);
  const exec = custom && store.getExecution<ExecutionSpec>(ctx.scope, custom.executionId);
  if (custom && exec) {
    return {
      requestId: ctx.requestId,
      workflowBuildVersionArn: exec.workflowArn,
      workflowExecutionId: exec.executionId,
      imageBuildVersionArn: exec.imageArn,
      ...stepMetadata(exec, custom),
    };
  }
  const found = ctx.services.runs.findStepExecution(ctx.scope, input.stepExecutionId);
  if (!found) throw new ResourceNotFoundException(`The workflow step execution '${input.stepExecutionId}' does not exist.`);
  // Only this job and its steps are read (the steps by their job index), not the whole run.
  const pages = ctx.services.runPages;
  const run = pages.summary(ctx.scope, found.runId);
  const job = run && pages.job(ctx.scope, found.runId, found.jobKey);
  if (!run || !job) throw new ResourceNotFoundException(`The workflow step execution '${input.stepExecutionId}' does not exist.`);
  const [view] = jobViews([job], pages.stepsOfJobs(ctx.scope, found.runId, [found.jobKey]));
  return {
    requestId: ctx.requestId,
    workflowBuildVersionArn: distributionWorkflowArn(ctx.scope.region),
    workflowExecutionId: workflowExecutionId(run.runId),
    imageBuildVersionArn: run.imageArn,
    ...workflowStep(view!, input.stepExecutionId),
  };
};
