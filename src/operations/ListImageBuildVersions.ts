// ListImageBuildVersions: the builds (x.y.z/n) of one image version of the caller, or of an
// Amazon-managed image version; filters name, osVersion, platform, type.
import { amazonImages } from '../pipelines/amazon.js';
import { inputArn } from '../pipelines/inputs.js';
import { compareVersions } from '../domain/versions.js';
import type { ImageSummary } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { allImages, listPage, passes, readFilters } from './build-resources.js';
import { amazonImageSummary, imageVersionArn, toImageSummary } from './image-lists.js';

export const ListImageBuildVersions: Handler<'ListImageBuildVersions'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name', 'osVersion', 'platform', 'type']);
  const arn = input.imageVersionArn ?? '';
  const p = inputArn(ctx.scope, arn, 'imageVersionArn', 'image', { amazon: true });
  let items: ImageSummary[];
  if (p.owner === 'aws') {
    items = (await amazonImages(ctx.services.cloud, ctx.scope)).filter((a) => a.versionArn === arn).map(amazonImageSummary);
  } else {
    items = allImages(ctx)
      .filter((i) => imageVersionArn(i.arn) === arn)
      .sort((a, b) => compareVersions(b.version ?? '', a.version ?? ''))
      .map((i) => toImageSummary(ctx, i));
  }
  items = items.filter((s) => passes(filters, (n) => (s as Record<string, unknown>)[n] as string | undefined));
  const pg = listPage(ctx, items, { op: 'ListImageBuildVersions', arn, f: input.filters ?? null }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imageSummaryList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
