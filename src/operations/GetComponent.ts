// GetComponent: one component build version (the caller's or Amazon's); a version ARN with `x`
// wildcards resolves to the newest build.
import { resolveComponent } from '../pipelines/inputs.js';
import { latestReferences } from '../domain/versions.js';
import type { Handler } from './handler.js';
import { componentsOf } from './components.js';

export const GetComponent: Handler<'GetComponent'> = async (input, ctx) => {
  const c = resolveComponent(ctx.services, ctx.scope, input.componentBuildVersionArn, 'componentBuildVersionArn');
  const owner = c.arn.split(':')[4] === 'aws' ? 'Amazon' : 'Self';
  const same = componentsOf(ctx, owner).filter((o) => o.name === c.name);
  return {
    requestId: ctx.requestId,
    component: { ...c, tags: owner === 'Self' ? ctx.services.tags.get(ctx.scope, c.arn) : {} },
    latestVersionReferences: latestReferences(
      same,
      (o) => o.version,
      (o) => o.arn,
      c.version!,
    ),
  };
};
