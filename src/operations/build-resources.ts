// Helpers shared by the recipe, component, infrastructure, image-list and pipeline operations:
// list filters and pages, owner handling, uniqueness and dependency errors, tags, and the
// caller's images as a list.
import { InvalidParameterValueException, ResourceAlreadyExistsException, ResourceDependencyException } from '../model/generated/errors.js';
import type { Filter, Image } from '../model/generated/types.js';
import { matchesPattern } from '../domain/versions.js';
import type { StoredPipeline } from '../pipelines/pipelines.js';
import type { Ctx } from './handler.js';
import { page } from './workflow-executions.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** Validates filter names; returns the values per name (several filters of one name must all match). */
export function readFilters(filters: Filter[] | undefined, allowed: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [i, f] of (filters ?? []).entries()) {
    if (!f.name || !allowed.includes(f.name)) {
      throw new InvalidParameterValueException(invalidParameter(`filters[${i}].name`, `Supported filter names: ${allowed.join(', ')}.`));
    }
    const prev = out.get(f.name);
    const values = f.values ?? [];
    out.set(f.name, prev ? prev.filter((v) => values.includes(v)) : [...values]);
  }
  return out;
}

/** Whether `item` passes every filter (exact match on each field's string value). */
export function passes(filters: Map<string, string[]>, field: (name: string) => string | undefined): boolean {
  for (const [name, values] of filters) {
    const v = field(name);
    if (v === undefined || !values.includes(v)) return false;
  }
  return true;
}

/** A page of `items` with a signed nextToken. */
export function listPage<T>(ctx: Ctx, items: T[], query: unknown, maxResults?: number, nextToken?: string): { items: T[]; nextToken?: string } {
  return page(ctx, items, query, maxResults, nextToken);
}

/** AWS's ResourceAlreadyExistsException for a name (and version) in use. */
export function alreadyExists(kind: string, arn: string): ResourceAlreadyExistsException {
  return new ResourceAlreadyExistsException(`The following resource '${kind}' already exists: '${arn}'.`);
}

/** AWS's ResourceDependencyException (facts §4). */
export function dependencyError(arn: string): ResourceDependencyException {
  return new ResourceDependencyException(`Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`);
}

/** Whether a reference (possibly a version ARN with `x` wildcards) names `arn`. */
export function refersTo(ref: string | undefined, arn: string): boolean {
  if (!ref) return false;
  if (ref === arn) return true;
  const cut = (a: string) => {
    const m = /^(.*)\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))(?:\/\d+)?$/.exec(a);
    return m ? { base: m[1]!, version: m[2]! } : undefined;
  };
  const r = cut(ref);
  const a = cut(arn);
  return !!r && !!a && r.base === a.base && matchesPattern(r.version, a.version);
}

/** The caller's pipelines. */
export function pipelinesOf(ctx: Ctx): StoredPipeline[] {
  return ctx.services.build.resources.list<StoredPipeline>(ctx.scope, 'image-pipeline').map((r) => ({ ...r.body, arn: r.arn }));
}

/** Throws ResourceDependencyException when a pipeline references `arn` through `field`. */
export function assertNoPipelineUses(
  ctx: Ctx,
  field: 'imageRecipeArn' | 'containerRecipeArn' | 'infrastructureConfigurationArn' | 'distributionConfigurationArn',
  arn: string,
): void {
  if (pipelinesOf(ctx).some((p) => refersTo(p[field], arn))) throw dependencyError(arn);
}

/** Every image build of the caller (any name), newest first. */
export function allImages(ctx: Ctx): (Image & { arn: string })[] {
  return ctx.services.images.newestFirst(ctx.scope);
}

/** The owner filter of list operations: only Self and Amazon hold anything in ibex. */
export function ownerOf(owner: string | undefined): 'Self' | 'Amazon' | 'Other' {
  if (owner === undefined || owner === 'Self') return 'Self';
  return owner === 'Amazon' ? 'Amazon' : 'Other';
}

/** Drops undefined members (AWS omits fields that do not apply). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
