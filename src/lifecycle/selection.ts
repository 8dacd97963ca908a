// What one execution of a lifecycle policy would act on, read from the stores: the scope's images
// with their tags, the planner's decision for each, and the output AMIs each decision reaches.
// The runner writes exactly this into its execution; the preview shows exactly this.
import type { Scope } from '../domain/scope.js';
import type { Image } from '../model/generated/types.js';
import type { TagStore } from '../store/ports.js';
import type { ImageStore } from '../store/ports.js';
import type { PlannedAction, StoredLifecyclePolicy } from '../store/records.js';
import type { AmiTarget } from './ami-verdict.js';
import { planExecution, type ImageDecision, type PlanImage } from './plan.js';

export interface SelectionStores {
  images: ImageStore;
  tags: TagStore;
}

/** One image's decision with its action's AMI exclusions filled in (the plan the runner stores). */
export interface SelectedImage extends ImageDecision {
  image: Image & { arn: string };
}

/** Every image of the scope with its tags, as the planner takes them. */
export function scopeImages(stores: SelectionStores, scope: Scope): PlanImage[] {
  return stores.images.inScope(scope).map((image) => ({ image, tags: stores.tags.get(scope, image.arn) }));
}

/** The policy's decisions at `now` (epoch ms), each action carrying its rule's AMI exclusions. */
export function selectForPolicy(stores: SelectionStores, scope: Scope, policy: StoredLifecyclePolicy, now: number): SelectedImage[] {
  const all = scopeImages(stores, scope);
  const byArn = new Map(all.map((p) => [p.image.arn, p.image]));
  const exclusions = new Map((policy.policyDetails ?? []).map((r) => [r.action.type, r.exclusionRules?.amis]));
  return planExecution(policy, all, now).map((d) => {
    const ex = exclusions.get(d.action.type as 'DELETE');
    return { ...d, action: { ...d.action, ...(ex ? { exclusions: ex } : {}) }, image: byArn.get(d.imageArn)! };
  });
}

/** The output AMIs an action reaches (none unless it includes AMIs or snapshots). */
export function amiTargets(image: Image | undefined, action: PlannedAction, scope: Scope): AmiTarget[] {
  if (!action.includeAmis && !action.includeSnapshots) return [];
  return (image?.outputResources?.amis ?? []).flatMap((a) =>
    a.image ? [{ resourceId: a.image, region: a.region ?? scope.region, accountId: a.accountId ?? scope.accountId }] : [],
  );
}
