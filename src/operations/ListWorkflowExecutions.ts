// ListWorkflowExecutions: the workflow executions of an image; for a distribution, one
// DISTRIBUTION execution per attempt (a RetryImage adds one with `retried: true`). Only the page's
// runs are counted, from per-job tallies aggregated in SQLite (no step is parsed).
import type { Handler } from './handler.js';
import { loadImage } from '../app/images.js';
import { pageWindow, runJobCounts } from './workflow-executions.js';
import { workflowExecutionOf } from '../engine/workflow-view.js';
import { buildWorkflowExecutions } from '../pipelines/workflow-view.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import { executionMetadata } from '../workflows/view.js';

const TYPE_ORDER = { BUILD: 0, TEST: 1, DISTRIBUTION: 2 } as const;

export const ListWorkflowExecutions: Handler<'ListWorkflowExecutions'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  // A built image lists its BUILD and TEST workflows before the DISTRIBUTION ones. Custom
  // workflows list as themselves; the distribution runs their steps started are not executions.
  const { store } = ctx.services.workflows;
  const custom = store.executionsOf<ExecutionSpec>(ctx.scope, image.arn).map((e) => ({ e, steps: store.steps(ctx.scope, e.executionId) }));
  const stepRuns = new Set(custom.flatMap((c) => c.steps.map((s) => s.runId).filter((r): r is string => !!r)));
  const head = [...buildWorkflowExecutions(ctx.services.build.builds, ctx.scope, image.arn), ...custom.map((c) => executionMetadata(c.e, c.steps))]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => TYPE_ORDER[a.e.type!] - TYPE_ORDER[b.e.type!] || a.i - b.i)
    .map(({ e }) => e);
  const runs = ctx.services.runPages.summariesOfImage(ctx.scope, image.arn).filter((r) => !stepRuns.has(r.runId));
  const w = pageWindow(ctx, head.length + runs.length, { image: image.arn }, input.maxResults, input.nextToken);
  const items = [];
  for (let i = w.from; i < w.to; i++) {
    const run = runs[i - head.length];
    items.push(i >= head.length && run ? workflowExecutionOf({ ...run, region: ctx.scope.region }, runJobCounts(ctx, run)) : head[i]!);
  }
  return {
    requestId: ctx.requestId,
    imageBuildVersionArn: image.arn,
    workflowExecutions: items,
    ...(w.nextToken ? { nextToken: w.nextToken } : {}),
  };
};
