// ListImageRecipes: summaries of the caller's image recipe versions (owner Self); filters name,
// parentImage, platform. Other owners hold no recipes in ibex.
import type { ImageRecipe, ImageRecipeSummary } from '../model/generated/types.js';
import type { Handler } from './handler.js';
import { sharedRecipes } from './shared-lists.js';
import { compact, listPage, ownerOf, passes, readFilters } from './build-resources.js';

export const ListImageRecipes: Handler<'ListImageRecipes'> = async (input, ctx) => {
  const filters = readFilters(input.filters, ['name', 'parentImage', 'platform']);
  const recs =
    ownerOf(input.owner) === 'Self'
      ? ctx.services.build.resources.list<ImageRecipe>(ctx.scope, 'image-recipe')
      : input.owner === 'Shared'
        ? sharedRecipes<ImageRecipe>(ctx, 'image-recipe')
        : [];
  const items: ImageRecipeSummary[] = recs
    .filter((r) => passes(filters, (n) => (r.body as Record<string, unknown>)[n] as string | undefined))
    .map((r) =>
      compact({
        arn: r.arn,
        name: r.body.name,
        platform: r.body.platform,
        owner: r.body.owner,
        parentImage: r.body.parentImage,
        dateCreated: r.body.dateCreated,
        tags: input.owner === 'Shared' ? {} : ctx.services.tags.get(ctx.scope, r.arn),
      }),
    );
  const p = listPage(ctx, items, { op: 'ListImageRecipes', f: input.filters ?? null, o: input.owner ?? 'Self' }, input.maxResults, input.nextToken);
  return { requestId: ctx.requestId, imageRecipeSummaryList: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
};
