// ListComponentBuildVersions: the builds of one component version (the caller's or Amazon's).
import { inputArn } from '../pipelines/inputs.js';
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { componentsOf, toComponentSummary, versionArnOf } from './components.js';

export const ListComponentBuildVersions: Handler<'ListComponentBuildVersions'> = async (input, ctx) => {
  const arn = input.componentVersionArn ?? '';
  const p = inputArn(ctx.scope, arn, 'componentVersionArn', 'component', { amazon: true });
  const items = componentsOf(ctx, p.owner === 'aws' ? 'Amazon' : 'Self')
    .filter((c) => versionArnOf(c.arn) === arn)
    .map(toComponentSummary);
  const pg = listPage(ctx, items, { op: 'ListComponentBuildVersions', arn }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, componentSummaryList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
