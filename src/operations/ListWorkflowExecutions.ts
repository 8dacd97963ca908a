// ListWorkflowExecutions: the workflow executions of an image; for a distribution, one
// DISTRIBUTION execution per attempt (a RetryImage adds one with `retried: true`).
import type { Handler } from './context.js';
import { loadImage } from './images.js';
import { page } from './workflow-executions.js';
import { workflowExecution } from '../engine/workflow-view.js';
import { buildWorkflowExecutions } from '../build/workflow-view.js';

export const ListWorkflowExecutions: Handler<'ListWorkflowExecutions'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  const runs = ctx.services.runs.runsOfImage(ctx.scope, image.arn);
  // A built image lists its BUILD and TEST workflows before the DISTRIBUTION ones.
  const all = [
    ...buildWorkflowExecutions(ctx.services.build.builds, ctx.scope, image.arn),
    ...runs.map((r) => workflowExecution(r, ctx.services.runs.steps(ctx.scope, r.runId))),
  ];
  const p = page(ctx, all, { image: image.arn }, input.maxResults, input.nextToken);
  return {
    requestId: ctx.requestId,
    imageBuildVersionArn: image.arn,
    workflowExecutions: p.items,
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};
