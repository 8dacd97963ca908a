// ListWorkflowBuildVersions: the builds of workflow versions (the caller's or AWS's); the version
// ARN may carry `x` wildcards (`…/1.x.x`) and then lists the builds of every matching version.
import { matchesPattern } from '../domain/versions.js';
import { parseWorkflowArn, toWorkflowSummary, workflowsOf } from '../workflows/catalog.js';
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';

export const ListWorkflowBuildVersions: Handler<'ListWorkflowBuildVersions'> = async (input, ctx) => {
  const arn = input.workflowVersionArn;
  const p = arn !== undefined ? parseWorkflowArn(ctx.scope, arn, 'workflowVersionArn') : undefined;
  const items = workflowsOf(ctx.services, ctx.scope, p?.owner ?? 'Self')
    .filter((w) => !p || (w.type === p.type && w.arn.split('/')[2] === p.id && matchesPattern(p.version, w.version)))
    .map(toWorkflowSummary);
  const pg = listPage(ctx, items, { op: 'ListWorkflowBuildVersions', arn: arn ?? null }, input.maxResults, input.nextToken);
  return { workflowSummaryList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
