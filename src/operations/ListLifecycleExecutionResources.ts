// ListLifecycleExecutionResources: without parentResourceId, the Image Builder images an
// execution acted on (or skipped); with an image ARN, that image's AMIs (with their snapshots).
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { loadExecution } from './lifecycle-executions.js';

export const ListLifecycleExecutionResources: Handler<'ListLifecycleExecutionResources'> = async (input, ctx) => {
  const e = loadExecution(ctx, input.lifecycleExecutionId);
  const rows = ctx.services.lifecycle.store.resources(ctx.scope, input.lifecycleExecutionId, input.parentResourceId ?? '');
  const pg = listPage(
    ctx,
    rows.map((r) => r.resource),
    { op: 'ListLifecycleExecutionResources', e: input.lifecycleExecutionId, p: input.parentResourceId ?? '' },
    input.maxResults,
    input.nextToken,
  );
  return {
    lifecycleExecutionId: e.execution.lifecycleExecutionId,
    ...(e.execution.state ? { lifecycleExecutionState: e.execution.state } : {}),
    resources: pg.items,
    ...(pg.nextToken ? { nextToken: pg.nextToken } : {}),
  };
};
