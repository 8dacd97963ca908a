// Helpers shared by the image- and container-recipe operations: creating a version (unique per
// name and version), the wire form with tags and latestVersionReferences, and list summaries.
import { idFromName, imagebuilderArn } from '../domain/arn.js';
import { assertSemanticVersion, assertVersionPattern, compareVersions, latestReferences, matchesPattern } from '../domain/versions.js';
import type { LatestVersionReferences } from '../model/generated/types.js';
import type { BuildResourceRecord, BuildResourceType } from '../store/records.js';
import { alreadyExists } from './build-resources.js';
import type { Ctx } from './handler.js';

const KIND: Record<string, string> = { 'image-recipe': 'ImageRecipe', 'container-recipe': 'ContainerRecipe', component: 'Component' };

/** Inserts a new version of a versioned resource; throws ResourceAlreadyExistsException for a used name+version. */
export function createVersion<T extends object>(
  ctx: Ctx,
  type: BuildResourceType,
  name: string,
  version: string,
  body: (arn: string, dateCreated: string, version: string) => T,
  tags: Record<string, string> | undefined,
  buildNode?: number,
  /** The operation's response, recorded with the client token in the creating transaction. */
  respond?: (arn: string, latestVersionReferences: LatestVersionReferences) => unknown,
  opts: { autoVersion?: boolean } = {},
): { arn: string; latestVersionReferences: LatestVersionReferences } {
  const id = idFromName(name);
  if (opts.autoVersion && version.split('.').includes('x')) version = nextAutoVersion(ctx, type, id, version);
  assertSemanticVersion(version);
  const versionArn = imagebuilderArn(ctx.scope, type, `${id}/${version}`);
  const arn = buildNode !== undefined ? `${versionArn}/${buildNode}` : versionArn;
  const { tags: tagStore, tx } = ctx.services;
  const resources = ctx.services.build.resources;
  if (resources.versionsOf(ctx.scope, type, id).some((r) => r.version === version)) throw alreadyExists(KIND[type]!, versionArn);
  const dateCreated = ctx.now().toISOString();
  let refs: LatestVersionReferences = {};
  tx(() => {
    resources.insert(ctx.scope, type, { arn, id, version, buildNumber: buildNode ?? 0, body: body(arn, dateCreated, version), dateCreated });
    if (tags && Object.keys(tags).length) tagStore.set(ctx.scope, arn, tags);
    refs = references(ctx, type, id, version);
    if (respond) ctx.commitToken?.(respond(arn, refs));
  });
  return { arn, latestVersionReferences: refs };
}

/**
 * The version an auto-versioned recipe (`1.0.x`, `1.x.x`, `x.x.x`; Nov 2025) gets: one more in the
 * last node than the newest existing version matching the pattern, or the pattern with its `x`
 * nodes at 0 when none matches (`x.x.x` starts at 1.0.0). AWS documents `1.0.x` → 1.0.1, 1.0.2, …
 * but not the first number or which node counts up otherwise (docs/known-differences.md).
 */
function nextAutoVersion(ctx: Ctx, type: BuildResourceType, id: string, pattern: string): string {
  assertVersionPattern(pattern, 'semanticVersion');
  const newest = ctx.services.build.resources
    .versionsOf(ctx.scope, type, id)
    .map((r) => r.version)
    .filter((v) => matchesPattern(pattern, v))
    .sort(compareVersions)
    .at(-1);
  if (!newest) return pattern === 'x.x.x' ? '1.0.0' : pattern.replace(/x/g, '0');
  const nodes = newest.split('.').map(Number);
  nodes[2] = nodes[2]! + 1;
  return nodes.join('.');
}

/** latestVersionReferences among the versions of one id. */
export function references(ctx: Ctx, type: BuildResourceType, id: string, version: string): LatestVersionReferences {
  const all = ctx.services.build.resources.versionsOf(ctx.scope, type, id);
  return latestReferences(
    all,
    (r: BuildResourceRecord<unknown>) => r.version,
    (r) => r.arn,
    version,
  );
}

/** The stored body with its current tags. */
export function withResourceTags<T extends object>(ctx: Ctx, rec: BuildResourceRecord<T>): T & { tags: Record<string, string> } {
  return { ...rec.body, tags: ctx.services.tags.get(ctx.scope, rec.arn) };
}
