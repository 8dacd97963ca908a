// DeleteLifecyclePolicy: deletes a policy and its tags; a policy with an execution still running
// answers ResourceDependencyException (the execution must finish or be cancelled first).
import type { Handler } from './handler.js';
import { dependencyError } from './build-resources.js';
import { loadPolicy } from './lifecycle-policies.js';

export const DeleteLifecyclePolicy: Handler<'DeleteLifecyclePolicy'> = async (input, ctx) => {
  const p = loadPolicy(ctx, input.lifecyclePolicyArn);
  const { lifecycle, tags, tx } = ctx.services;
  if (lifecycle.runner.active(ctx.scope, p.arn)) throw dependencyError(p.arn);
  tx(() => {
    lifecycle.store.deletePolicy(ctx.scope, p.arn);
    tags.delete(ctx.scope, p.arn);
  });
  return { lifecyclePolicyArn: p.arn };
};
