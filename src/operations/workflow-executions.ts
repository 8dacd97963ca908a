// Helpers shared by the workflow-execution operations: finding a run by its workflow execution
// id and the views of its jobs.
import { InvalidParameterValueException, ResourceNotFoundException } from '../model/generated/errors.js';
import { jobViews, type JobView } from '../engine/outcome.js';
import type { RunRecord, StepRecord } from '../store/sqlite/runs.js';
import type { Ctx } from './context.js';

/** The caller's run behind `wf-<runId>`, with its steps. */
export function loadRun(ctx: Ctx, workflowExecutionId: string): { run: RunRecord; steps: StepRecord[] } {
  const runId = workflowExecutionId.replace(/^wf-/, '');
  const run = ctx.services.runs.getRun(ctx.scope, runId);
  if (!run) throw new ResourceNotFoundException(`The workflow execution '${workflowExecutionId}' does not exist.`);
  return { run, steps: ctx.services.runs.steps(ctx.scope, runId) };
}

/** The job views of a run, each with its step-execution id. */
export function stepViews(ctx: Ctx, run: RunRecord, steps: StepRecord[]): { view: JobView; id: string }[] {
  const ids = ctx.services.runs.jobIds(ctx.scope, run.runId);
  return jobViews(run.jobs, steps).map((view) => ({ view, id: ids.get(view.job.key)! }));
}

/** Pages a list with a signed token over (query, offset). */
export function page<T>(ctx: Ctx, items: T[], query: unknown, maxResults: number | undefined, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    const pos = ctx.services.pagination.decode(query, nextToken);
    if (pos === undefined || !/^\d+$/.test(pos)) throw new InvalidParameterValueException("The value supplied for parameter 'nextToken' is not valid.");
    offset = Number(pos);
  }
  const limit = maxResults ?? 25;
  const slice = items.slice(offset, offset + limit);
  return { items: slice, ...(offset + limit < items.length ? { nextToken: ctx.services.pagination.encode(query, String(offset + limit)) } : {}) };
}
