// Which ARNs the tag APIs can address: every ibex resource type registers how to find out whether
// one exists. Tag errors use InvalidParameterException, as the tag APIs model it.
import { imagebuilderArn } from '../domain/arn.js';
import { InvalidParameterException } from '../model/generated/errors.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import type { Ctx } from './context.js';

type Exists = (ctx: Ctx, resourceId: string) => boolean;

const workflowExists = (ctx: Ctx, type: string, id: string): boolean =>
  /\/\d+$/.test(id) && ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'workflow', `${type}/${id}`)) !== undefined;

const registry: Record<string, Exists> = {
  'distribution-configuration': (ctx, id) => ctx.services.distributionConfigurations.get(ctx.scope, id) !== undefined,
  'image-recipe': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'image-recipe', id)) !== undefined,
  'container-recipe': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'container-recipe', id)) !== undefined,
  component: (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'component', id)) !== undefined,
  'infrastructure-configuration': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'infrastructure-configuration', id)) !== undefined,
  'image-pipeline': (ctx, id) => ctx.services.build.resources.get(ctx.scope, imagebuilderArn(ctx.scope, 'image-pipeline', id)) !== undefined,
  'lifecycle-policy': (ctx, id) => ctx.services.lifecycle.store.getPolicy(ctx.scope, imagebuilderArn(ctx.scope, 'lifecycle-policy', id)) !== undefined,
  // A workflow is tagged on its build ARN (`…/x.y.z/n`), where CreateWorkflow put its tags.
  'workflow/build': (ctx, id) => workflowExists(ctx, 'build', id),
  'workflow/test': (ctx, id) => workflowExists(ctx, 'test', id),
  'workflow/distribution': (ctx, id) => workflowExists(ctx, 'distribution', id),
  image: (ctx, id) => /\/\d+$/.test(id) && ctx.services.images.get(ctx.scope, imagebuilderArn(ctx.scope, 'image', id)) !== undefined,
};

/** Throws unless `arn` names an existing resource of the caller. */
export function assertTaggable(ctx: Ctx, arn: string): void {
  const parsed = ownArn(ctx, arn, 'resourceArn', (m) => new InvalidParameterException(m));
  const exists = registry[parsed.resourceType];
  if (!exists || !exists(ctx, parsed.resourceId)) throw notFound(arn);
}
