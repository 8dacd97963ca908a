// Helpers shared by the image- and container-recipe operations: creating a version (unique per
// name and version), the wire form with tags and latestVersionReferences, and list summaries.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import { assertSemanticVersion, latestReferences } from '../build/versions.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import type { BuildResourceRecord, BuildResourceType } from '../store/sqlite/build-resources.js';
import { alreadyExists } from './build-resources.js';
import type { Ctx } from './context.js';

const KIND: Record<string, string> = { 'image-recipe': 'ImageRecipe', 'container-recipe': 'ContainerRecipe', component: 'Component' };

/** Inserts a new version of a versioned resource; throws ResourceAlreadyExistsException for a used name+version. */
export function createVersion<T extends object>(
  ctx: Ctx,
  type: BuildResourceType,
  name: string,
  version: string,
  body: (arn: string, dateCreated: string) => T,
  tags: Record<string, string> | undefined,
  buildNode?: number,
  /** The operation's response, recorded with the client token in the creating transaction. */
  respond?: (arn: string, latestVersionReferences: LatestVersionReferences) => unknown,
): { arn: string; latestVersionReferences: LatestVersionReferences } {
  assertSemanticVersion(version);
  const id = idFromName(name);
  const versionArn = imagebuilderArn(ctx.scope, type, `${id}/${version}`);
  const arn = buildNode !== undefined ? `${versionArn}/${buildNode}` : versionArn;
  const { tags: tagStore, db } = ctx.services;
  const resources = ctx.services.build.resources;
  if (resources.versionsOf(ctx.scope, type, id).some((r) => r.version === version)) throw alreadyExists(KIND[type]!, versionArn);
  const dateCreated = ctx.now().toISOString();
  let refs: LatestVersionReferences = {};
  db.transaction(() => {
    resources.insert(ctx.scope, type, { arn, id, version, buildNumber: buildNode ?? 0, body: body(arn, dateCreated), dateCreated });
    if (tags && Object.keys(tags).length) tagStore.set(ctx.scope, arn, tags);
    refs = references(ctx, type, id, version);
    if (respond) ctx.commitToken?.(respond(arn, refs));
  })();
  return { arn, latestVersionReferences: refs };
}

/** latestVersionReferences among the versions of one id. */
export function references(ctx: Ctx, type: BuildResourceType, id: string, version: string): LatestVersionReferences {
  const all = ctx.services.build.resources.versionsOf(ctx.scope, type, id);
  return latestReferences(all, (r: BuildResourceRecord<unknown>) => r.version, (r) => r.arn, version);
}

/** The stored body with its current tags. */
export function withResourceTags<T extends object>(ctx: Ctx, rec: BuildResourceRecord<T>): T & { tags: Record<string, string> } {
  return { ...rec.body, tags: ctx.services.tags.get(ctx.scope, rec.arn) };
}
