// What `owner: Shared` lists hold: the images, recipes and components other accounts shared with
// the caller in this Region through resource policies, each with its owner's account id.
import type { Component, ContainerRecipe, Image, ImageRecipe, ImageVersion } from '../model/generated/types.js';
import type { BuildResourceRecord, BuildResourceType } from '../store/records.js';
import { compact } from './build-resources.js';
import type { ComponentRec } from './components.js';
import type { Ctx } from './handler.js';
import { imageVersionArn } from './image-lists.js';
import { sharedResources } from '../app/resource-policies.js';

/** Image versions shared with the caller (a policy on a build shares its version). */
export function sharedImageVersions(ctx: Ctx): ImageVersion[] {
  const out = new Map<string, ImageVersion>();
  for (const { owner, arn } of sharedResources(ctx.services, ctx.scope, 'image')) {
    const i = ctx.services.images.get(owner, arn) as (Image & { arn: string }) | undefined;
    if (!i || i.state?.status === 'DELETED') continue;
    const v = compact({
      arn: imageVersionArn(i.arn),
      name: i.name,
      type: i.type,
      version: (i.version ?? '').split('/')[0],
      platform: i.platform,
      osVersion: i.osVersion,
      owner: owner.accountId,
      dateCreated: i.dateCreated,
      buildType: i.buildType,
      imageSource: i.imageSource,
    });
    out.set(v.arn!, v);
  }
  return [...out.values()];
}

/** Recipe records (image or container) shared with the caller. */
export function sharedRecipes<T extends ImageRecipe | ContainerRecipe>(
  ctx: Ctx,
  type: Extract<BuildResourceType, 'image-recipe' | 'container-recipe'>,
): BuildResourceRecord<T>[] {
  return sharedResources(ctx.services, ctx.scope, type).flatMap(({ owner, arn }) => {
    const r = ctx.services.build.resources.get<T>(owner, arn);
    return r ? [r] : [];
  });
}

/** Components shared with the caller, with their build ARNs. */
export function sharedComponents(ctx: Ctx): ComponentRec[] {
  return sharedResources(ctx.services, ctx.scope, 'component').flatMap(({ owner, arn }) => {
    const r = ctx.services.build.resources.get<Component>(owner, arn);
    return r ? [{ ...r.body, arn: r.arn, version: r.version, tags: {} }] : [];
  });
}
