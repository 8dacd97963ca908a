// EC2 DescribeImages: the AMIs the caller may see (own, shared by account, organization or OU,
// public), narrowed by ImageIds, Owners, ExecutableUsers and Filters, in pages (by image id).
import { WorldError, type WorldHandler } from '../world-call.js';
import { dryRun, page, portFilters, wireImage } from './views.js';

export const DescribeImages: WorldHandler = async (input, call) => {
  const ids = input.ImageIds as string[] | undefined;
  // AWS does not allow MaxResults together with ImageIds.
  if (ids?.length && input.MaxResults !== undefined) {
    throw new WorldError('InvalidParameterCombination', 'The parameter imageIdsSet cannot be used with the parameter maxResults');
  }
  const { images } = await call.ports.ec2.describeImages(call.scope, {
    ...(ids?.length ? { imageIds: ids } : {}),
    ...((input.Owners as string[] | undefined)?.length ? { owners: input.Owners as string[] } : {}),
    ...((input.ExecutableUsers as string[] | undefined)?.length ? { executableUsers: input.ExecutableUsers as string[] } : {}),
    ...((input.Filters as unknown[] | undefined)?.length ? { filters: portFilters(input.Filters) } : {}),
    ...(input.IncludeDeprecated !== undefined ? { includeDeprecated: input.IncludeDeprecated as boolean } : {}),
    ...(input.IncludeDisabled !== undefined ? { includeDisabled: input.IncludeDisabled as boolean } : {}),
  });
  dryRun(input);
  const sorted = [...images].sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0));
  const p = page(sorted, input, { min: 5, max: 1000 });
  return { Images: p.items.map((i) => wireImage(i, call.scope.accountId)), ...(p.NextToken ? { NextToken: p.NextToken } : {}) };
};
