// Helpers shared by the workflow-execution operations: finding a run by its workflow execution
// id, the views of its jobs, job counts (cached once a run has ended: they no longer change) and
// paging by a signed position.
import { InvalidParameterValueException, ResourceNotFoundException } from '../model/generated/errors.js';
import { jobCounts, type JobCounts } from '../engine/workflow-view.js';
import type { RunSummary } from '../engine/run-ports.js';
import type { Ctx } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** The caller's run behind `wf-<runId>`, as a summary (its plan and steps are not read). */
export function loadRunSummary(ctx: Ctx, workflowExecutionId: string): RunSummary {
  const run = ctx.services.runPages.summary(ctx.scope, workflowExecutionId.replace(/^wf-/, ''));
  if (!run) throw new ResourceNotFoundException(`The workflow execution '${workflowExecutionId}' does not exist.`);
  return run;
}

const FINISHED_COUNTS_MAX = 1_024;
// Keyed by the services' run pages: one cache per open store (tests open many in one process).
const finishedByStore = new WeakMap<object, Map<string, JobCounts>>();

/** A run's job counts, aggregated in SQLite; an ended run's are kept (bounded, oldest out). */
export function runJobCounts(ctx: Ctx, run: RunSummary): JobCounts {
  let finishedCounts = finishedByStore.get(ctx.services.runPages);
  if (!finishedCounts) finishedByStore.set(ctx.services.runPages, (finishedCounts = new Map()));
  const key = `${ctx.scope.accountId}|${ctx.scope.region}|${run.runId}`;
  const hit = finishedCounts.get(key);
  if (hit) return hit;
  if (run.compacted) return run.compacted.jobs;
  const counts = jobCounts(run.jobCount, ctx.services.runPages.tallies(ctx.scope, run.runId));
  if (run.status !== 'running') {
    if (finishedCounts.size >= FINISHED_COUNTS_MAX) finishedCounts.delete(finishedCounts.keys().next().value!);
    finishedCounts.set(key, counts);
  }
  return counts;
}

/** The window [offset, offset + limit) of a list of `total` items, and the token after it. */
export function pageWindow(
  ctx: Ctx,
  total: number,
  query: unknown,
  maxResults: number | undefined,
  nextToken: string | undefined,
): { from: number; to: number; nextToken?: string } {
  const from = pageOffset(ctx, query, nextToken);
  const to = Math.min(total, from + (maxResults ?? 25));
  return { from, to, ...(to < total ? { nextToken: ctx.services.pagination.encode(query, String(to)) } : {}) };
}

function pageOffset(ctx: Ctx, query: unknown, nextToken: string | undefined): number {
  if (nextToken === undefined) return 0;
  const pos = ctx.services.pagination.decode(query, nextToken);
  if (pos === undefined || !/^\d+$/.test(pos)) throw new InvalidParameterValueException(invalidParameter('nextToken'));
  return Number(pos);
}

/** Pages a list with a signed token over (query, offset). */
export function page<T>(
  ctx: Ctx,
  items: T[],
  query: unknown,
  maxResults: number | undefined,
  nextToken: string | undefined,
): { items: T[]; nextToken?: string } {
  const offset = pageOffset(ctx, query, nextToken);
  const limit = maxResults ?? 25;
  const slice = items.slice(offset, offset + limit);
  return { items: slice, ...(offset + limit < items.length ? { nextToken: ctx.services.pagination.encode(query, String(offset + limit)) } : {}) };
}
