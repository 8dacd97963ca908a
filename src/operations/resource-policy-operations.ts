// The Put/Get*Policy pair shared by images, components, image recipes and container recipes:
// only the owner puts or reads a policy; putting validates the document and records whom it names.
import { ResourceNotFoundException } from '../model/generated/errors.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import type { Ctx } from './handler.js';
import { parsePolicy } from '../app/resource-policies.js';

/** Stores `policy` on the caller's resource `arn` (`exists` says whether it exists). */
export function putPolicy(ctx: Ctx, arn: string, param: string, type: string, policy: string, exists: (arn: string) => boolean): void {
  const parsed = ownArn(ctx, arn, param);
  if (parsed.resourceType !== type || !exists(arn)) throw notFound(arn);
  const principals = parsePolicy(policy, arn, type);
  ctx.services.lifecycle.store.putResourcePolicy(ctx.scope, arn, { policy, principals });
}

/** The policy on the caller's resource `arn`; ResourceNotFoundException when it has none. */
export function getPolicy(ctx: Ctx, arn: string, param: string, type: string, exists: (arn: string) => boolean): string {
  const parsed = ownArn(ctx, arn, param);
  if (parsed.resourceType !== type || !exists(arn)) throw notFound(arn);
  const rec = ctx.services.lifecycle.store.getResourcePolicy(ctx.scope, arn);
  if (!rec) throw new ResourceNotFoundException(`The resource '${arn}' has no resource policy.`);
  return rec.policy;
}

export const imageExists =
  (ctx: Ctx) =>
  (arn: string): boolean =>
    /\/\d+$/.test(arn) && ctx.services.images.get(ctx.scope, arn) !== undefined;
export const buildResourceExists =
  (ctx: Ctx) =>
  (arn: string): boolean =>
    ctx.services.build.resources.get(ctx.scope, arn) !== undefined;
