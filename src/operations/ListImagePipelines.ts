// ListImagePipelines: the caller's pipelines; filters description, distributionConfigurationArn
// (how to find the pipelines that block a configuration's delete), imageRecipeArn,
// infrastructureConfigurationArn, name, status.
import type { Handler } from './handler.js';
import { listPage, passes, pipelinesOf, readFilters } from './build-resources.js';
import { toImagePipeline } from './image-pipelines.js';

const FILTERS = ['description', 'distributionConfigurationArn', 'imageRecipeArn', 'infrastructureConfigurationArn', 'name', 'status'];

export const ListImagePipelines: Handler<'ListImagePipelines'> = async (input, ctx) => {
  const filters = readFilters(input.filters, FILTERS);
  const items = pipelinesOf(ctx)
    .filter((p) => passes(filters, (n) => (p as unknown as Record<string, unknown>)[n] as string | undefined))
    .map((p) => toImagePipeline(ctx, p));
  const pg = listPage(ctx, items, { op: 'ListImagePipelines', f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imagePipelineList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
