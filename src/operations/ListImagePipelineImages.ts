// ListImagePipelineImages: the images a pipeline built, newest first; filters name, version.
import type { Handler } from './handler.js';
import { allImages, listPage, passes, readFilters } from './build-resources.js';
import { loadPipeline } from './image-pipelines.js';
import { toImageSummary } from './image-lists.js';

export const ListImagePipelineImages: Handler<'ListImagePipelineImages'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name', 'version']);
  const p = loadPipeline(ctx, input.imagePipelineArn);
  const items = allImages(ctx)
    .filter((i) => i.sourcePipelineArn === p.arn)
    .filter((i) => passes(filters, (n) => (n === 'version' ? (i.version ?? '').split('/')[0] : i.name)))
    .map((i) => toImageSummary(ctx, i));
  const pg = listPage(ctx, items, { op: 'ListImagePipelineImages', arn: p.arn, f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imageSummaryList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
