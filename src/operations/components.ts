// Helpers shared by the component operations: the caller's and Amazon's components as records
// with their build ARN, and the summary/version wire forms.
import type { Component, ComponentSummary, ComponentVersion } from '../model/generated/types.js';
import { amazonComponents } from '../pipelines/amazon.js';
import type { Ctx } from './handler.js';
import { compact, ownerOf } from './build-resources.js';
import { sharedComponents } from './shared-lists.js';

/** A component with its build ARN. */
export type ComponentRec = Component & { arn: string; version: string };

/** The components visible under `owner` (Self: the caller's; Amazon: Amazon's). */
export function componentsOf(ctx: Ctx, owner: string | undefined): ComponentRec[] {
  const o = ownerOf(owner);
  if (o === 'Amazon') return amazonComponents(ctx.scope.region);
  if (owner === 'Shared') return sharedComponents(ctx);
  if (o !== 'Self') return [];
  return ctx.services.build.resources
    .list<Component>(ctx.scope, 'component')
    .map((r) => ({ ...r.body, arn: r.arn, version: r.version, tags: ctx.services.tags.get(ctx.scope, r.arn) }));
}

/** The version ARN (`…/x.y.z`) of a component build ARN. */
export const versionArnOf = (buildArn: string): string => buildArn.replace(/\/\d+$/, '');

export function toComponentVersion(c: ComponentRec): ComponentVersion {
  return compact({
    arn: versionArnOf(c.arn),
    name: c.name,
    version: c.version,
    description: c.description,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    type: c.type,
    owner: c.owner,
    dateCreated: c.dateCreated,
    status: c.state?.status,
  });
}

export function toComponentSummary(c: ComponentRec): ComponentSummary {
  return compact({
    arn: c.arn,
    name: c.name,
    version: c.version,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    state: c.state,
    type: c.type,
    owner: c.owner,
    description: c.description,
    changeDescription: c.changeDescription,
    dateCreated: c.dateCreated,
    tags: c.tags ?? {},
    publisher: c.publisher,
    obfuscate: c.obfuscate,
  });
}
