// ListWorkflowStepExecutions: the steps of a distribution workflow execution, one per job, with
// status, times, inputs and outputs (`distributedImages` for AMI jobs); a BUILD or TEST execution
// has one step. A page reads only its own jobs (sliced from the run's job list in SQLite) and
// their steps (by the steps' job index), so every page of a 24,000-job run costs what it returns.
import { distributionWorkflowArn, jobViews, workflowStep } from '../engine/workflow-view.js';
import { findBuildWorkflow } from '../pipelines/workflow-view.js';
import type { Handler } from './handler.js';
import { loadRunSummary, pageWindow } from './workflow-executions.js';
import { page } from './workflow-executions.js';
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
  const run = loadRunSummary(ctx, input.workflowExecutionId);
  // A run compacted by the step retention setting has no step executions left to list.
  const w = pageWindow(ctx, run.compacted ? 0 : run.jobCount, { wf: input.workflowExecutionId }, input.maxResults, input.nextToken);
  const pages = ctx.services.runPages;
  const jobs = w.to > w.from ? pages.jobs(ctx.scope, run.runId, w.from, w.to) : [];
  const keys = jobs.map((j) => j.key);
  const ids = keys.length ? pages.jobIds(ctx.scope, run.runId, keys) : new Map<string, string>();
  const steps = keys.length ? pages.stepsOfJobs(ctx.scope, run.runId, keys) : [];
  const items = jobViews(jobs, steps).map((view) => {
    const { onFailure: _o, timeoutSeconds: _t, ...meta } = workflowStep(view, ids.get(view.job.key)!);
    return meta;
  });
  return {
    requestId: ctx.requestId,
    workflowBuildVersionArn: distributionWorkflowArn(ctx.scope.region),
    workflowExecutionId: input.workflowExecutionId,
    imageBuildVersionArn: run.imageArn,
    steps: items,
    ...(w.nextToken ? { nextToken: w.nextToken } : {}),
  };
};
