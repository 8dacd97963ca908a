// Helpers shared by the lifecycle-policy operations: the rules the model cannot express (AWS's
// service rules), loading the caller's policy by ARN, and the wire forms with tags.
import { InvalidRequestException } from '../model/generated/errors.js';
import type { LifecyclePolicy, LifecyclePolicyDetail, LifecyclePolicyResourceSelection, LifecyclePolicySummary } from '../model/generated/types.js';
import type { StoredLifecyclePolicy } from '../store/records.js';
import { notFound, ownArn } from '../domain/arn-arguments.js';
import { compact } from './build-resources.js';
import type { Ctx } from './handler.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

const bad = (param: string, why: string): InvalidRequestException => new InvalidRequestException(invalidParameter(param, `${why}`));

/** Throws InvalidRequestException for the first broken cross-field rule (reference §5). */
export function assertPolicyValid(resourceType: string, details: LifecyclePolicyDetail[], selection: LifecyclePolicyResourceSelection): void {
  const hasRecipes = (selection.recipes?.length ?? 0) > 0;
  const hasTags = selection.tagMap !== undefined && Object.keys(selection.tagMap).length > 0;
  if (hasRecipes === hasTags) throw bad('resourceSelection', 'Specify exactly one of recipes or tagMap.');
  const seen = new Set<string>();
  for (const [i, d] of details.entries()) {
    const p = `policyDetails[${i}]`;
    if (seen.has(d.action.type)) throw bad(`${p}.action.type`, `Only one rule per action type is allowed; ${d.action.type} appears more than once.`);
    seen.add(d.action.type);
    const f = d.filter;
    if (f.type === 'AGE' && f.unit === undefined) throw bad(`${p}.filter.unit`, 'An AGE filter needs a unit.');
    if (f.type === 'COUNT' && f.unit !== undefined) throw bad(`${p}.filter.unit`, 'A COUNT filter takes no unit.');
    if (f.type === 'COUNT' && f.retainAtLeast !== undefined) throw bad(`${p}.filter.retainAtLeast`, 'retainAtLeast applies only to AGE filters.');
    const inc = d.action.includeResources;
    if (resourceType === 'CONTAINER_IMAGE') {
      if (d.action.type !== 'DELETE') throw bad(`${p}.action.type`, 'CONTAINER_IMAGE policies support only the DELETE action.');
      if (inc?.amis || inc?.snapshots) throw bad(`${p}.action.includeResources`, 'CONTAINER_IMAGE policies cannot include AMIs or snapshots.');
      if (d.exclusionRules?.amis) throw bad(`${p}.exclusionRules.amis`, 'CONTAINER_IMAGE policies cannot have AMI exclusion rules.');
    } else {
      if (inc?.containers) throw bad(`${p}.action.includeResources.containers`, 'AMI_IMAGE policies cannot include containers.');
      if (inc?.snapshots && d.action.type !== 'DELETE') throw bad(`${p}.action.includeResources.snapshots`, 'Snapshots can be included only in a DELETE rule.');
    }
    for (const [j, a] of (d.exclusionRules?.amis?.sharedAccounts ?? []).entries()) {
      if (!/^\d{12}$/.test(a)) throw bad(`${p}.exclusionRules.amis.sharedAccounts[${j}]`, `'${a}' is not a 12-digit account id.`);
    }
  }
}

/** The caller's policy named by `arn`, or ResourceNotFoundException. */
export function loadPolicy(ctx: Ctx, arn: string, param = 'lifecyclePolicyArn'): StoredLifecyclePolicy {
  const parsed = ownArn(ctx, arn, param);
  const rec = parsed.resourceType === 'lifecycle-policy' ? ctx.services.lifecycle.store.getPolicy(ctx.scope, arn) : undefined;
  if (!rec) throw notFound(arn);
  return rec;
}

export function toPolicy(ctx: Ctx, p: StoredLifecyclePolicy): LifecyclePolicy {
  return { ...p, tags: ctx.services.tags.get(ctx.scope, p.arn) };
}

export function toSummary(ctx: Ctx, p: StoredLifecyclePolicy): LifecyclePolicySummary {
  return compact({
    arn: p.arn,
    name: p.name,
    description: p.description,
    status: p.status,
    executionRole: p.executionRole,
    resourceType: p.resourceType,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    dateLastRun: p.dateLastRun,
    tags: ctx.services.tags.get(ctx.scope, p.arn),
  });
}

/** Epoch seconds of the handler's clock (lifecycle dates are timestamps on the wire). */
export const epochSeconds = (ctx: Ctx): number => Math.round(ctx.now().getTime()) / 1000;
