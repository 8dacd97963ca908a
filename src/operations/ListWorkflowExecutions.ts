// ListWorkflowExecutions: the workflow executions of an image; for a distribution, one
// DISTRIBUTION execution per attempt (a RetryImage adds one with `retried: true`).
import type { Handler } from './context.js';
import { loadImage } from './images.js';
import { page } from './workflow-executions.js';
import { workflowExecution } from '../engine/workflow-view.js';
import { buildWorkflowExecutions } from '../build/workflow-view.js';
import type { StoredPlanInput } from '../engine/distribution.js';
import type { ExecutionSpec } from '../workflows/engine.js';
import { executionMetadata } from '../workflows/view.js';

const TYPE_ORDER = { BUILD: 0, TEST: 1, DISTRIBUTION: 2 } as const;

export const ListWorkflowExecutions: Handler<'ListWorkflowExecutions'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  const runs = ctx.services.runs.runsOfImage(ctx.scope, image.arn);
  // A built image lists its BUILD and TEST workflows before the DISTRIBUTION ones; a custom
  // workflow's distribution runs are its steps, not executions of their own.
  const { store } = ctx.services.workflows;
  const all = [
    ...buildWorkflowExecutions(ctx.services.build.builds, ctx.scope, image.arn),
    ...store.executionsOf<ExecutionSpec>(ctx.scope, image.arn).map((e) => executionMetadata(e, store.steps(ctx.scope, e.executionId))),
    ...runs.filter((r) => !(r.planInput as StoredPlanInput).workflowStepId).map((r) => workflowExecution(r, ctx.services.runs.steps(ctx.scope, r.runId))),
  ].map((e, i) => ({ e, i }))
    .sort((a, b) => TYPE_ORDER[a.e.type!] - TYPE_ORDER[b.e.type!] || a.i - b.i)
    .map(({ e }) => e);
  const p = page(ctx, all, { image: image.arn }, input.maxResults, input.nextToken);
  return {
    requestId: ctx.requestId,
    imageBuildVersionArn: image.arn,
    workflowExecutions: p.items,
    ...(p.nextToken ? { nextToken: p.nextToken } : {}),
  };
};
