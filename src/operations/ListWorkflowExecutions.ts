// ListWorkflowExecutions: the workflow executions of an image; for a distribution, one
// DISTRIBUTION execution per attempt (a RetryImage adds one with `retried: true`). Only the page's
// runs are counted, from per-job tallies aggregated in SQLite (no step is parsed).
import type { Handler } from './context.js';
import { loadImage } from './images.js';
import { pageWindow, runJobCounts } from './workflow-executions.js';
import { workflowExecutionOf } from '../engine/workflow-view.js';
import { buildWorkflowExecutions } from '../build/workflow-view.js';
import { runPages } from '../store/sqlite/run-pages.js';

export const ListWorkflowExecutions: Handler<'ListWorkflowExecutions'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  // A built image lists its BUILD and TEST workflows before the DISTRIBUTION ones.
  const builds = buildWorkflowExecutions(ctx.services.build.builds, ctx.scope, image.arn);
  const runs = runPages(ctx.services.db).summariesOfImage(ctx.scope, image.arn);
  const w = pageWindow(ctx, builds.length + runs.length, { image: image.arn }, input.maxResults, input.nextToken);
  const items = [];
  for (let i = w.from; i < w.to; i++) {
    const run = runs[i - builds.length];
    items.push(run ? workflowExecutionOf({ ...run, region: ctx.scope.region }, runJobCounts(ctx, run)) : builds[i]!);
  }
  return {
    requestId: ctx.requestId,
    imageBuildVersionArn: image.arn,
    workflowExecutions: items,
    ...(w.nextToken ? { nextToken: w.nextToken } : {}),
  };
};
