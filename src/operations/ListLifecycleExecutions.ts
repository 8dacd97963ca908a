// ListLifecycleExecutions: executions of a lifecycle policy (by its ARN) or the manual state
// updates of an image (by its build ARN), newest first.
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { ownArn } from '../domain/arn-arguments.js';

export const ListLifecycleExecutions: Handler<'ListLifecycleExecutions'> = async (input, ctx) => {
  ownArn(ctx, input.resourceArn, 'resourceArn');
  const all = ctx.services.lifecycle.store.executionsOf(ctx.scope, input.resourceArn).map((e) => e.execution);
  const pg = listPage(ctx, all, { op: 'ListLifecycleExecutions', r: input.resourceArn }, input.maxResults, input.nextToken);
  return { lifecycleExecutions: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
