// ListContainerRecipes: summaries of the caller's container recipe versions (owner Self); filters
// containerType, name, parentImage, platform. Other owners hold no recipes in ibex.
import type { ContainerRecipe, ContainerRecipeSummary } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { sharedRecipes } from './shared-lists.js';
import { compact, listPage, ownerOf, passes, readFilters } from './build-resources.js';

export const ListContainerRecipes: Handler<'ListContainerRecipes'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['containerType', 'name', 'parentImage', 'platform']);
  const recs =
    ownerOf(input.owner) === 'Self'
      ? ctx.services.build.resources.list<ContainerRecipe>(ctx.scope, 'container-recipe')
      : input.owner === 'Shared'
        ? sharedRecipes<ContainerRecipe>(ctx, 'container-recipe')
        : [];
  const items: ContainerRecipeSummary[] = recs
    .filter((r) => passes(filters, (n) => (r.body as Record<string, unknown>)[n] as string | undefined))
    .map((r) =>
      compact({
        arn: r.arn,
        containerType: r.body.containerType,
        name: r.body.name,
        platform: r.body.platform,
        owner: r.body.owner,
        parentImage: r.body.parentImage,
        dateCreated: r.body.dateCreated,
        tags: ctx.services.tags.get(ctx.scope, r.arn),
      }),
    );
  const p = listPage(ctx, items, { op: 'ListContainerRecipes', f: input.filters ?? null, o: input.owner ?? 'Self' }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, containerRecipeSummaryList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
