// Which ARNs the tag APIs can address: every ibex resource type registers how to find out whether
// one exists. Tag errors use InvalidParameterException, as the tag APIs model it.
import { imagebuilderArn, resourceKindOf, type ResourceKind } from '../domain/arn.js';
import { InvalidParameterException } from '../model/generated/errors.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import type { Ctx } from './handler.js';

/** Whether the caller's resource exists; `resourceType` is the ARN's whole type (`workflow/build`). */
export type Exists = (ctx: Ctx, resourceId: string, resourceType: string) => boolean;

/** How each resource kind is found by the tag APIs: one entry per kind of domain/arn.ts. */
export type TagRegistry = { [K in ResourceKind]: Exists };

const workflowExists = (ctx: Ctx, type: string, id: string): boolean =>
  /\/\d+$/.test(id) && ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'workflow', `${type}/${id}`)) !== undefined;

/** Every resource kind says whether (and how) it is taggable: a kind added to RESOURCE_KINDS
 *  (domain/arn.ts) does not compile until it is listed here. */
const registry: TagRegistry = {
  'distribution-configuration': (ctx, id) => ctx.services.distributionConfigurations.get(ctx.scope, id) !== undefined,
  'image-recipe': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'image-recipe', id)) !== undefined,
  'container-recipe': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'container-recipe', id)) !== undefined,
  component: (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'component', id)) !== undefined,
  'infrastructure-configuration': (ctx, id) =>
    ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'infrastructure-configuration', id)) !== undefined,
  'image-pipeline': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'image-pipeline', id)) !== undefined,
  'lifecycle-policy': (ctx, id) => ctx.services.lifecycle.store.getPolicy(ctx.scope, imagebuilderArn(ctx.scope, 'lifecycle-policy', id)) !== undefined,
  // A workflow is tagged on its build ARN (`workflow/<type>/…/x.y.z/n`), where CreateWorkflow put
  // its tags; the ARN's type segment says which kind of workflow.
  workflow: (ctx, id, type) => {
    const kind = /^workflow\/(build|test|distribution)$/.exec(type)?.[1];
    return kind !== undefined && workflowExists(ctx, kind, id);
  },
  image: (ctx, id) => /\/\d+$/.test(id) && ctx.services.images.get(ctx.scope, imagebuilderArn(ctx.scope, 'image', id)) !== undefined,
};

/** Throws unless `arn` names an existing resource of the caller. */
export function assertTaggable(ctx: Ctx, arn: string): void {
  const parsed = ownArn(ctx, arn, 'resourceArn', (m) => new InvalidParameterException(m));
  const kind = resourceKindOf(parsed.resourceType);
  const exists = kind && registry[kind];
  if (!exists || !exists(ctx, parsed.resourceId, parsed.resourceType)) throw notFound(arn);
}
