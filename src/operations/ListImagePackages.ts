// ListImagePackages: the packages installed on an image's build instance (simulated, by platform).
import type { Handler } from './handler.js';
import { listPage } from './build-resources.js';
import { loadImage } from '../app/images.js';
import { packagesOf } from './scan-findings.js';

export const ListImagePackages: Handler<'ListImagePackages'> = async (input, ctx) => {
  const image = loadImage(ctx, input.imageBuildVersionArn, 'imageBuildVersionArn');
  const pg = listPage(ctx, packagesOf(image), { op: 'ListImagePackages', i: image.arn }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imagePackageList: pg.items, ...(pg.nextToken ? { nextToken: pg.nextToken } : {}) };
};
