// ListImages: image versions (x.y.z) of the caller (owner Self) or Amazon's managed images (owner
// Amazon); filters name, osVersion, platform, type, version; `byName` keeps the newest version of
// each name and cannot be combined with a version filter (AWS's message, facts §4).
import { InvalidParameterCombinationException } from '../model/generated/errors.js';
import type { ImageVersion } from '../model/generated/types.js';
import { amazonImages } from '../pipelines/amazon.js';
import { compareVersions } from '../domain/versions.js';
import type { Handler } from './handler.js';
import { allImages, listPage, ownerOf, passes, readFilters } from './build-resources.js';
import { amazonImageVersion, ownImageVersion } from './image-lists.js';
import { sharedImageVersions } from './shared-lists.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

export const ListImages: Handler<'ListImages'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name', 'osVersion', 'platform', 'type', 'version']);
  if (input.byName && filters.has('version')) {
    throw new InvalidParameterCombinationException(invalidParameter('filters', 'You cannot list Images by name and filter by version in the same request.'));
  }
  const owner = ownerOf(input.owner);
  let versions: ImageVersion[] = [];
  if (owner === 'Self') {
    const seen = new Map<string, ImageVersion>();
    for (const i of allImages(ctx)) {
      if (i.state?.status === 'DELETED') continue;
      const v = ownImageVersion(ctx, i);
      if (!seen.has(v.arn!)) seen.set(v.arn!, v);
    }
    versions = [...seen.values()];
  } else if (input.owner === 'Shared') {
    versions = sharedImageVersions(ctx);
  } else if (owner === 'Amazon') {
    versions = (await amazonImages(ctx.services.cloud, ctx.scope)).map(amazonImageVersion);
  }
  versions = versions.filter((v) => passes(filters, (n) => (v as Record<string, string | undefined>)[n]));
  if (input.byName) {
    const latest = new Map<string, ImageVersion>();
    for (const v of versions) {
      const prev = latest.get(v.name!);
      if (!prev || compareVersions(v.version!, prev.version!) > 0) latest.set(v.name!, v);
    }
    versions = [...latest.values()];
  }
  versions.sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : compareVersions(b.version!, a.version!)));
  const p = listPage(ctx, versions, { op: 'ListImages', f: input.filters ?? null, o: owner, b: !!input.byName }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imageVersionList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
